package io.roster.coordinator.http;

import io.roster.assignor.TopicPartitionSet;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads request fields with their types checked; a bad field is a 400 that names it.
 * Partition sets travel as {@code [{"topic": "orders", "partitions": [0, 1]}]}.
 */
final class JsonFields {

    private JsonFields() {
    }

    static String requiredString(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (!(value instanceof String text)) {
            throw ApiException.invalid(value == null ? "field '" + field + "' is missing"
                    : "field '" + field + "': expected a string");
        }
        return text;
    }

    static String optionalString(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value != null && !(value instanceof String)) {
            throw ApiException.invalid("field '" + field + "': expected a string");
        }
        return (String) value;
    }

    static int requiredInt(JsonObject body, String field, int min) {
        Object value = body.getValue(field);
        if (!(value instanceof Integer number)) {
            throw ApiException.invalid(value == null ? "field '" + field + "' is missing"
                    : "field '" + field + "': expected an integer");
        }
        if (number < min) {
            throw ApiException.invalid("field '" + field + "' must be at least " + min + ", got " + number);
        }
        return number;
    }

    static long requiredLong(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (!(value instanceof Integer || value instanceof Long)) {
            throw ApiException.invalid(value == null ? "field '" + field + "' is missing"
                    : "field '" + field + "': expected an integer");
        }
        return ((Number) value).longValue();
    }

    static boolean optionalBoolean(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value != null && !(value instanceof Boolean)) {
            throw ApiException.invalid("field '" + field + "': expected true or false");
        }
        return Boolean.TRUE.equals(value);
    }

    /** {@code null} when absent. */
    static Set<String> optionalTopics(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray array)) {
            throw ApiException.invalid("field '" + field + "': expected an array of topic names");
        }
        Set<String> topics = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof String topic) || topic.isEmpty()) {
                throw ApiException.invalid("field '" + field + "[" + i + "]': expected a topic name");
            }
            topics.add(topic);
        }
        return topics;
    }

    /** {@code null} when absent. */
    static TopicPartitionSet optionalPartitions(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray array)) {
            throw ApiException.invalid("field '" + field + "': expected an array of {topic, partitions}");
        }
        TopicPartitionSet.Builder set = TopicPartitionSet.builder();
        for (int i = 0; i < array.size(); i++) {
            String at = field + "[" + i + "]";
            if (!(array.getValue(i) instanceof JsonObject entry)) {
                throw ApiException.invalid("field '" + at + "': expected {topic, partitions}");
            }
            String topic = requiredString(entry, "topic");
            if (!(entry.getValue("partitions") instanceof JsonArray partitions)) {
                throw ApiException.invalid("field '" + at + ".partitions': expected an array of partition numbers");
            }
            for (int j = 0; j < partitions.size(); j++) {
                if (!(partitions.getValue(j) instanceof Integer p) || p < 0) {
                    throw ApiException.invalid("field '" + at + ".partitions[" + j
                            + "]': expected a partition number, 0 or more");
                }
                set.add(topic, p);
            }
        }
        return set.build();
    }

    static JsonArray partitions(TopicPartitionSet set) {
        JsonArray array = new JsonArray();
        for (int t = 0; t < set.topicCount(); t++) {
            JsonArray partitions = new JsonArray();
            for (int j = 0; j < set.partitionCountAt(t); j++) {
                partitions.add(set.partitionAt(t, j));
            }
            array.add(new JsonObject().put("topic", set.topicAt(t)).put("partitions", partitions));
        }
        return array;
    }
}
