package io.roster.client.internal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/** Partition sets in the protocol's shape: {@code [{"topic": "orders", "partitions": [0, 1]}]}. */
public final class PartitionJson {

    private PartitionJson() {
    }

    public static JsonArray toJson(Collection<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = new TreeMap<>();
        partitions.stream().sorted(Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition))
                .forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition()));
        JsonArray array = new JsonArray();
        byTopic.forEach((topic, numbers) -> array.add(new JsonObject().put("topic", topic)
                .put("partitions", new JsonArray(new ArrayList<>(numbers)))));
        return array;
    }

    /** The partitions of {@code array}; an absent array is the empty set. */
    public static Set<TopicPartition> fromJson(JsonArray array) {
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        if (array == null) {
            return partitions;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonObject entry = array.getJsonObject(i);
            String topic = entry.getString("topic");
            JsonArray numbers = entry.getJsonArray("partitions");
            for (int j = 0; j < numbers.size(); j++) {
                partitions.add(new TopicPartition(topic, numbers.getInteger(j)));
            }
        }
        return partitions;
    }
}
