package io.roster.coordinator.metadata;

import java.util.HashMap;
import java.util.Map;

/**
 * How {@link KafkaTopicMetadataSource} reaches the cluster.
 *
 * @param adminProperties   the Kafka admin client's properties; {@code bootstrap.servers} is required
 * @param refreshIntervalMs pause between the end of one refresh and the start of the next
 * @param requestTimeoutMs  how long one admin call may take before it fails, so that a lost
 *                          cluster is reported in seconds rather than Kafka's default minute
 */
public record KafkaMetadataConfig(Map<String, String> adminProperties, long refreshIntervalMs, long requestTimeoutMs) {

    public static final String KAFKA_PREFIX = "kafka.";
    public static final String REFRESH_MS = "metadata.refresh.ms";
    public static final String REQUEST_TIMEOUT_MS = "metadata.request.timeout.ms";
    public static final long DEFAULT_REFRESH_MS = 5_000;
    public static final long DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

    public KafkaMetadataConfig {
        if (adminProperties == null || isBlank(adminProperties.get("bootstrap.servers"))) {
            throw new IllegalArgumentException(KAFKA_PREFIX + "bootstrap.servers must name the Kafka cluster");
        }
        if (refreshIntervalMs <= 0) {
            throw new IllegalArgumentException(REFRESH_MS + " must be positive: " + refreshIntervalMs);
        }
        if (requestTimeoutMs <= 0) {
            throw new IllegalArgumentException(REQUEST_TIMEOUT_MS + " must be positive: " + requestTimeoutMs);
        }
        adminProperties = Map.copyOf(adminProperties);
    }

    /** Default refresh interval and timeout for the cluster at {@code bootstrapServers}. */
    public static KafkaMetadataConfig forCluster(String bootstrapServers) {
        return new KafkaMetadataConfig(Map.of("bootstrap.servers", bootstrapServers == null ? "" : bootstrapServers),
                DEFAULT_REFRESH_MS, DEFAULT_REQUEST_TIMEOUT_MS);
    }

    /**
     * From the service configuration: every {@code kafka.*} key goes to the admin client
     * without its prefix (so {@code kafka.bootstrap.servers}, and {@code kafka.security.protocol}
     * for a secured cluster), plus {@value #REFRESH_MS} and {@value #REQUEST_TIMEOUT_MS}.
     */
    public static KafkaMetadataConfig fromProperties(Map<String, String> properties) {
        Map<String, String> admin = new HashMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith(KAFKA_PREFIX)) {
                admin.put(key.substring(KAFKA_PREFIX.length()), value);
            }
        });
        return new KafkaMetadataConfig(admin, longValue(properties, REFRESH_MS, DEFAULT_REFRESH_MS),
                longValue(properties, REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS));
    }

    public String bootstrapServers() {
        return adminProperties.get("bootstrap.servers");
    }

    public KafkaMetadataConfig withRefreshIntervalMs(long ms) {
        return new KafkaMetadataConfig(adminProperties, ms, requestTimeoutMs);
    }

    public KafkaMetadataConfig withRequestTimeoutMs(long ms) {
        return new KafkaMetadataConfig(adminProperties, refreshIntervalMs, ms);
    }

    /** What the admin client is created with: the given properties, our timeouts unless set. */
    Map<String, String> adminClientProperties() {
        Map<String, String> props = new HashMap<>(adminProperties);
        props.putIfAbsent("client.id", "roster-metadata");
        props.putIfAbsent("default.api.timeout.ms", Long.toString(requestTimeoutMs));
        // The admin client raises a lower API timeout to the request timeout (with a warning),
        // so both get the same bound.
        props.putIfAbsent("request.timeout.ms", Long.toString(requestTimeoutMs));
        return props;
    }

    private static long longValue(Map<String, String> properties, String key, long defaultValue) {
        String value = properties.get(key);
        if (isBlank(value)) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of milliseconds, not '" + value + "'");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
