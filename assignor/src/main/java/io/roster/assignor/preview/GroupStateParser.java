package io.roster.assignor.preview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.roster.assignor.GroupSpec;
import io.roster.assignor.MemberSpec;
import io.roster.assignor.TopicInfo;
import io.roster.assignor.TopicMetadata;
import io.roster.assignor.TopicPartition;
import io.roster.assignor.TopicPartitionSet;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a {@link GroupState} from the preview's JSON format (see {@code docs/preview.md}).
 *
 * <p>Everything the assignors would reject is checked here first, so that every error names
 * the field at fault: a wrong type, a missing or unknown field, a negative partition count,
 * a duplicate topic or member, an owned partition that does not exist or has two owners.
 * Unknown fields are errors rather than ignored, because a misspelt optional field
 * ({@code "owend"}) would otherwise silently preview a different group.
 */
public final class GroupStateParser {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern SOURCE_NOTE = Pattern.compile("\\[Source: [^;]*; line: (\\d+), column: (\\d+)]");

    private static final Set<String> ROOT_FIELDS = Set.of("topics", "members");
    private static final Set<String> TOPIC_FIELDS = Set.of("name", "partitions", "racks");
    private static final Set<String> MEMBER_FIELDS = Set.of("id", "instanceId", "rack", "topics", "owned");

    private GroupStateParser() {
    }

    /**
     * @throws InvalidInputException when the document is not valid JSON or not a valid group state
     * @throws IOException           when the stream cannot be read
     */
    public static GroupState parse(InputStream json) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new InvalidInputException("input: not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": " + withoutSourceNote(e.getOriginalMessage()));
        }
        if (root.isMissingNode()) {
            throw new InvalidInputException("input: empty, expected a JSON object");
        }
        FieldPath path = FieldPath.root();
        JsonFields fields = JsonFields.of(root, path, ROOT_FIELDS);
        Map<String, TopicInfo> topics = parseTopics(fields.requiredArray("topics"), path.field("topics"));
        GroupSpec group = parseMembers(fields.requiredArray("members"), path.field("members"), topics);
        return new GroupState(TopicMetadata.of(topics.values()), group);
    }

    /**
     * Jackson names an earlier position as {@code [Source: REDACTED (...); line: 1, column: 12]},
     * which tells an operator nothing the line and column do not.
     */
    private static String withoutSourceNote(String message) {
        return SOURCE_NOTE.matcher(message).replaceAll("line $1, column $2");
    }

    private static Map<String, TopicInfo> parseTopics(JsonNode array, FieldPath path) {
        Map<String, TopicInfo> byName = new LinkedHashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            FieldPath at = path.index(i);
            JsonFields topic = JsonFields.of(array.get(i), at, TOPIC_FIELDS);
            String name = topic.requiredName("name");
            Integer earlier = positions.putIfAbsent(name, i);
            if (earlier != null) {
                throw new InvalidInputException(at.field("name"),
                        "topic '" + name + "' is already described by " + path.index(earlier));
            }
            int partitions = topic.requiredCount("partitions");
            List<Set<String>> racks = parseRacks(topic.optionalArray("racks"), at.field("racks"), partitions);
            byName.put(name, new TopicInfo(name, partitions, racks));
        }
        return byName;
    }

    private static List<Set<String>> parseRacks(JsonNode array, FieldPath path, int partitions) {
        if (array == null) {
            return List.of();
        }
        if (array.size() != partitions) {
            throw new InvalidInputException(path, "expected one entry per partition (" + partitions
                    + "), got " + array.size());
        }
        List<Set<String>> racks = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            // A mutable set on purpose: TopicInfo asks each set contains(null), which the
            // immutable Set.of sets answer with a NullPointerException.
            racks.add(new LinkedHashSet<>(JsonFields.names(array.get(p), path.index(p))));
        }
        return racks;
    }

    private static GroupSpec parseMembers(JsonNode array, FieldPath path, Map<String, TopicInfo> topics) {
        List<MemberSpec> members = new ArrayList<>(array.size());
        Map<String, Integer> positions = new HashMap<>();
        Map<TopicPartition, String> owners = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            FieldPath at = path.index(i);
            JsonFields member = JsonFields.of(array.get(i), at, MEMBER_FIELDS);
            String id = member.requiredName("id");
            Integer earlier = positions.putIfAbsent(id, i);
            if (earlier != null) {
                throw new InvalidInputException(at.field("id"),
                        "member id '" + id + "' is already used by " + path.index(earlier));
            }
            String instanceId = member.optionalName("instanceId");
            String rack = member.optionalName("rack");
            Set<String> subscribed = new LinkedHashSet<>(JsonFields.names(member.required("topics"), at.field("topics")));
            TopicPartitionSet owned = parseOwned(member.optionalObject("owned"), at.field("owned"), id, topics, owners);
            members.add(new MemberSpec(id, instanceId, rack, subscribed, owned));
        }
        return new GroupSpec(members);
    }

    /** Also records the owner of each partition in {@code owners}, to catch a second one. */
    private static TopicPartitionSet parseOwned(JsonNode object, FieldPath path, String memberId,
                                                Map<String, TopicInfo> topics, Map<TopicPartition, String> owners) {
        if (object == null) {
            return TopicPartitionSet.empty();
        }
        TopicPartitionSet.Builder owned = TopicPartitionSet.builder();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String topic = entry.getKey();
            FieldPath at = path.field(topic);
            TopicInfo info = topics.get(topic);
            if (info == null) {
                throw new InvalidInputException(at, "topic '" + topic + "' is not in topics");
            }
            List<Integer> partitions = JsonFields.partitionNumbers(entry.getValue(), at);
            for (int j = 0; j < partitions.size(); j++) {
                int partition = partitions.get(j);
                if (partition >= info.partitionCount()) {
                    throw new InvalidInputException(at.index(j), "partition " + partition + " does not exist: topic '"
                            + topic + "' has " + info.partitionCount() + " partitions");
                }
                String other = owners.putIfAbsent(new TopicPartition(topic, partition), memberId);
                if (other != null) {
                    throw new InvalidInputException(at.index(j), "partition " + topic + "-" + partition
                            + (other.equals(memberId) ? " is listed twice" : " is also owned by member '" + other + "'"));
                }
                owned.add(topic, partition);
            }
        }
        return owned.build();
    }
}
