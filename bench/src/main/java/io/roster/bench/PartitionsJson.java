package io.roster.bench;

import io.roster.assignor.TopicPartitionSet;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/** The protocol's partition sets, {@code [{"topic": "events", "partitions": [0, 1]}]}, both ways. */
final class PartitionsJson {

    private PartitionsJson() {
    }

    /** An absent field is the empty set. */
    static TopicPartitionSet read(JsonObject json, String field) {
        JsonArray topics = json.getJsonArray(field);
        TopicPartitionSet.Builder set = TopicPartitionSet.builder();
        if (topics != null) {
            for (int i = 0; i < topics.size(); i++) {
                JsonObject entry = topics.getJsonObject(i);
                String topic = entry.getString("topic");
                entry.getJsonArray("partitions").forEach(p -> set.add(topic, ((Number) p).intValue()));
            }
        }
        return set.build();
    }

    static JsonArray write(TopicPartitionSet set) {
        JsonArray topics = new JsonArray();
        for (int t = 0; t < set.topicCount(); t++) {
            String topic = set.topicAt(t);
            topics.add(new JsonObject().put("topic", topic)
                    .put("partitions", new JsonArray(Arrays.stream(set.partitions(topic)).boxed().toList())));
        }
        return topics;
    }
}
