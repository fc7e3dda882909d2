package io.roster.coordinator.store;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.roster.assignor.TopicInfo;
import io.roster.assignor.TopicMetadata;
import io.roster.assignor.TopicPartitionSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes and reads the assignor's value types as flat Compact fields: Compact has no
 * arrays of arrays, so a partition set is its topics, a partition count per topic, and
 * all partitions in one array.
 */
final class CompactFields {

    private CompactFields() {
    }

    static void writePartitions(CompactWriter writer, String name, TopicPartitionSet set) {
        if (set == null) {
            writer.writeArrayOfString(name + ".topics", null);
            writer.writeArrayOfInt32(name + ".counts", null);
            writer.writeArrayOfInt32(name + ".partitions", null);
            return;
        }
        String[] topics = new String[set.topicCount()];
        int[] counts = new int[set.topicCount()];
        int[] partitions = new int[set.size()];
        int k = 0;
        for (int t = 0; t < topics.length; t++) {
            topics[t] = set.topicAt(t);
            counts[t] = set.partitionCountAt(t);
            for (int j = 0; j < counts[t]; j++) {
                partitions[k++] = set.partitionAt(t, j);
            }
        }
        writer.writeArrayOfString(name + ".topics", topics);
        writer.writeArrayOfInt32(name + ".counts", counts);
        writer.writeArrayOfInt32(name + ".partitions", partitions);
    }

    /** {@code null} when {@code null} was written. */
    static TopicPartitionSet readPartitions(CompactReader reader, String name) {
        String[] topics = reader.readArrayOfString(name + ".topics");
        if (topics == null) {
            return null;
        }
        int[] counts = reader.readArrayOfInt32(name + ".counts");
        int[] partitions = reader.readArrayOfInt32(name + ".partitions");
        TopicPartitionSet.Builder set = TopicPartitionSet.builder();
        int k = 0;
        for (int t = 0; t < topics.length; t++) {
            for (int j = 0; j < counts[t]; j++) {
                set.add(topics[t], partitions[k++]);
            }
        }
        return set.build();
    }

    static void writeTopics(CompactWriter writer, String name, Set<String> topics) {
        writer.writeArrayOfString(name, topics == null ? null : topics.stream().sorted().toArray(String[]::new));
    }

    static Set<String> readTopics(CompactReader reader, String name) {
        String[] topics = reader.readArrayOfString(name);
        return topics == null ? null : Set.of(topics);
    }

    /** Names, partition counts, and for racks a count per partition plus all rack names. */
    static void writeMetadata(CompactWriter writer, String name, TopicMetadata metadata) {
        List<TopicInfo> topics = new ArrayList<>(metadata.topics());
        topics.sort((a, b) -> a.name().compareTo(b.name()));
        String[] names = new String[topics.size()];
        int[] counts = new int[topics.size()];
        List<Integer> rackCounts = new ArrayList<>();
        List<String> racks = new ArrayList<>();
        for (int t = 0; t < names.length; t++) {
            TopicInfo topic = topics.get(t);
            names[t] = topic.name();
            counts[t] = topic.hasRacks() ? -1 - topic.partitionCount() : topic.partitionCount();
            for (int p = 0; topic.hasRacks() && p < topic.partitionCount(); p++) {
                Set<String> partitionRacks = topic.racksOf(p);
                rackCounts.add(partitionRacks.size());
                partitionRacks.stream().sorted().forEach(racks::add);
            }
        }
        writer.writeArrayOfString(name + ".names", names);
        writer.writeArrayOfInt32(name + ".counts", counts);
        writer.writeArrayOfInt32(name + ".rackCounts", rackCounts.stream().mapToInt(Integer::intValue).toArray());
        writer.writeArrayOfString(name + ".racks", racks.toArray(String[]::new));
    }

    static TopicMetadata readMetadata(CompactReader reader, String name) {
        String[] names = reader.readArrayOfString(name + ".names");
        int[] counts = reader.readArrayOfInt32(name + ".counts");
        int[] rackCounts = reader.readArrayOfInt32(name + ".rackCounts");
        String[] racks = reader.readArrayOfString(name + ".racks");
        List<TopicInfo> topics = new ArrayList<>();
        int partitionIndex = 0;
        int rackIndex = 0;
        for (int t = 0; t < names.length; t++) {
            // A negative count marks a topic with racks: -1 - count.
            if (counts[t] >= 0) {
                topics.add(new TopicInfo(names[t], counts[t]));
                continue;
            }
            int count = -1 - counts[t];
            List<Set<String>> partitionRacks = new ArrayList<>();
            for (int p = 0; p < count; p++) {
                int n = rackCounts[partitionIndex++];
                partitionRacks.add(new HashSet<>(Arrays.asList(racks).subList(rackIndex, rackIndex + n)));
                rackIndex += n;
            }
            topics.add(new TopicInfo(names[t], count, partitionRacks));
        }
        return TopicMetadata.of(topics);
    }
}
