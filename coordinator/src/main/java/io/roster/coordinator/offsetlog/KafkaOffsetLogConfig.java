package io.roster.coordinator.offsetlog;

import java.util.Map;

/**
 * How {@link KafkaOffsetLog} reaches its topic.
 *
 * @param clientProperties  properties given to Kafka's producer, consumer and admin client
 *                          ({@code bootstrap.servers} is required; security settings go here too)
 * @param topic             the compacted topic, created if missing
 * @param partitions        partitions of the topic when it is created; a group's records all go to one of them
 * @param replicationFactor replicas of the topic when it is created
 * @param timeoutMs         how long one write, or one step of a read, may take before it fails
 */
public record KafkaOffsetLogConfig(Map<String, String> clientProperties, String topic, int partitions,
                                   short replicationFactor, long timeoutMs) {

    public static final String DEFAULT_TOPIC = "__roster_offsets";
    public static final int DEFAULT_PARTITIONS = 16;
    public static final short DEFAULT_REPLICATION_FACTOR = 1;
    public static final long DEFAULT_TIMEOUT_MS = 5_000;

    public KafkaOffsetLogConfig {
        if (clientProperties == null || blank(clientProperties.get("bootstrap.servers"))) {
            throw new IllegalArgumentException("the offsets log needs bootstrap.servers");
        }
        clientProperties = Map.copyOf(clientProperties);
        if (blank(topic)) {
            throw new IllegalArgumentException("the offsets log topic must be named");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("the offsets log topic needs at least one partition: " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("the offsets log topic needs at least one replica: " + replicationFactor);
        }
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("the offsets log timeout must be positive: " + timeoutMs);
        }
    }

    /** The defaults, for the cluster at {@code bootstrapServers}. */
    public static KafkaOffsetLogConfig forCluster(String bootstrapServers) {
        return new KafkaOffsetLogConfig(Map.of("bootstrap.servers", bootstrapServers == null ? "" : bootstrapServers),
                DEFAULT_TOPIC, DEFAULT_PARTITIONS, DEFAULT_REPLICATION_FACTOR, DEFAULT_TIMEOUT_MS);
    }

    public String bootstrapServers() {
        return clientProperties.get("bootstrap.servers");
    }

    public KafkaOffsetLogConfig withTopic(String name) {
        return new KafkaOffsetLogConfig(clientProperties, name, partitions, replicationFactor, timeoutMs);
    }

    public KafkaOffsetLogConfig withPartitions(int count) {
        return new KafkaOffsetLogConfig(clientProperties, topic, count, replicationFactor, timeoutMs);
    }

    public KafkaOffsetLogConfig withReplicationFactor(short replicas) {
        return new KafkaOffsetLogConfig(clientProperties, topic, partitions, replicas, timeoutMs);
    }

    public KafkaOffsetLogConfig withTimeoutMs(long ms) {
        return new KafkaOffsetLogConfig(clientProperties, topic, partitions, replicationFactor, ms);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
