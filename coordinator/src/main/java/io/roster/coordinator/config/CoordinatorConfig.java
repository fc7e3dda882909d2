package io.roster.coordinator.config;

import com.hazelcast.config.MapConfig;
import io.roster.assignor.AssignorRegistry;
import io.roster.coordinator.group.GroupTimeouts;
import io.roster.coordinator.metadata.KafkaMetadataConfig;
import io.roster.coordinator.offsetlog.KafkaOffsetLogConfig;
import io.roster.offsets.DurabilityMode;
import io.roster.offsets.DurableOffsetsConfig;
import io.roster.offsets.OffsetStoreConfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The whole configuration of one coordinator process. Every key, its default and its environment
 * variable are listed in {@code docs/configuration.md}; {@link ConfigLoader} reads them from a
 * properties file and the environment.
 *
 * <p>Validated on construction: every error is an {@link IllegalArgumentException} whose message
 * starts with the key and quotes the bad value.
 */
public record CoordinatorConfig(
        String httpHost,
        int httpPort,
        int httpMaxBodyBytes,
        String hazelcastClusterName,
        String hazelcastHost,
        int hazelcastPort,
        List<String> hazelcastMembers,
        int hazelcastBackupCount,
        String kafkaBootstrapServers,
        long metadataRefreshMs,
        long metadataRequestTimeoutMs,
        long sessionTimeoutMs,
        long rebalanceTimeoutMs,
        long heartbeatIntervalMs,
        String groupAssignor,
        long expiryCheckIntervalMs,
        long offsetsRetentionMs,
        long offsetsRetentionCheckIntervalMs,
        DurabilityMode offsetsDurability,
        String offsetsTopic,
        int offsetsTopicPartitions,
        int offsetsTopicReplicationFactor,
        long offsetsDurableTimeoutMs,
        long offsetsAsyncLingerMs,
        int offsetsAsyncBatchRecords) {

    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_MAX_BODY_BYTES = "http.max.body.bytes";
    public static final String HAZELCAST_CLUSTER_NAME = "hazelcast.cluster.name";
    public static final String HAZELCAST_HOST = "hazelcast.host";
    public static final String HAZELCAST_PORT = "hazelcast.port";
    public static final String HAZELCAST_MEMBERS = "hazelcast.members";
    public static final String HAZELCAST_BACKUP_COUNT = "hazelcast.backup.count";
    public static final String KAFKA_BOOTSTRAP_SERVERS = KafkaMetadataConfig.KAFKA_PREFIX + "bootstrap.servers";
    public static final String METADATA_REFRESH_MS = KafkaMetadataConfig.REFRESH_MS;
    public static final String METADATA_REQUEST_TIMEOUT_MS = KafkaMetadataConfig.REQUEST_TIMEOUT_MS;
    public static final String SESSION_TIMEOUT_MS = "session.timeout.ms";
    public static final String REBALANCE_TIMEOUT_MS = "rebalance.timeout.ms";
    public static final String HEARTBEAT_INTERVAL_MS = "heartbeat.interval.ms";
    public static final String GROUP_ASSIGNOR = "group.assignor";
    public static final String EXPIRY_CHECK_INTERVAL_MS = "expiry.check.interval.ms";
    public static final String OFFSETS_RETENTION_MS = "offsets.retention.ms";
    public static final String OFFSETS_RETENTION_CHECK_INTERVAL_MS = "offsets.retention.check.interval.ms";
    public static final String OFFSETS_DURABILITY = "offsets.durability";
    public static final String OFFSETS_TOPIC = "offsets.topic";
    public static final String OFFSETS_TOPIC_PARTITIONS = "offsets.topic.partitions";
    public static final String OFFSETS_TOPIC_REPLICATION_FACTOR = "offsets.topic.replication.factor";
    public static final String OFFSETS_DURABLE_TIMEOUT_MS = "offsets.durable.timeout.ms";
    public static final String OFFSETS_ASYNC_LINGER_MS = "offsets.async.linger.ms";
    public static final String OFFSETS_ASYNC_BATCH_RECORDS = "offsets.async.batch.records";

    /** Kafka's limit on topic names: 1 to 249 of these characters. */
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** Every key with its default, in the order of the documentation. */
    public static final Map<String, String> DEFAULTS = defaultsInOrder();

    private static Map<String, String> defaultsInOrder() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(HTTP_HOST, "127.0.0.1");
        d.put(HTTP_PORT, "8080");
        d.put(HTTP_MAX_BODY_BYTES, "1048576");
        d.put(HAZELCAST_CLUSTER_NAME, "roster");
        d.put(HAZELCAST_HOST, "127.0.0.1");
        d.put(HAZELCAST_PORT, "5701");
        d.put(HAZELCAST_MEMBERS, "127.0.0.1");
        d.put(HAZELCAST_BACKUP_COUNT, Integer.toString(OffsetStoreConfig.DEFAULT_BACKUP_COUNT));
        d.put(KAFKA_BOOTSTRAP_SERVERS, "localhost:9092");
        d.put(METADATA_REFRESH_MS, Long.toString(KafkaMetadataConfig.DEFAULT_REFRESH_MS));
        d.put(METADATA_REQUEST_TIMEOUT_MS, Long.toString(KafkaMetadataConfig.DEFAULT_REQUEST_TIMEOUT_MS));
        d.put(SESSION_TIMEOUT_MS, "10000");
        d.put(REBALANCE_TIMEOUT_MS, "30000");
        d.put(HEARTBEAT_INTERVAL_MS, "3000");
        d.put(GROUP_ASSIGNOR, AssignorRegistry.DEFAULT_ASSIGNOR);
        d.put(EXPIRY_CHECK_INTERVAL_MS, "250");
        d.put(OFFSETS_RETENTION_MS, Long.toString(OffsetStoreConfig.DEFAULT_RETENTION_MS));
        d.put(OFFSETS_RETENTION_CHECK_INTERVAL_MS, "60000");
        d.put(OFFSETS_DURABILITY, "sync");
        d.put(OFFSETS_TOPIC, KafkaOffsetLogConfig.DEFAULT_TOPIC);
        d.put(OFFSETS_TOPIC_PARTITIONS, Integer.toString(KafkaOffsetLogConfig.DEFAULT_PARTITIONS));
        d.put(OFFSETS_TOPIC_REPLICATION_FACTOR, Short.toString(KafkaOffsetLogConfig.DEFAULT_REPLICATION_FACTOR));
        d.put(OFFSETS_DURABLE_TIMEOUT_MS, Long.toString(DurableOffsetsConfig.DEFAULT_TIMEOUT_MS));
        d.put(OFFSETS_ASYNC_LINGER_MS, Long.toString(DurableOffsetsConfig.DEFAULT_LINGER_MS));
        d.put(OFFSETS_ASYNC_BATCH_RECORDS, Integer.toString(DurableOffsetsConfig.DEFAULT_BATCH_RECORDS));
        return Collections.unmodifiableMap(d);
    }

    public CoordinatorConfig {
        requireText(HTTP_HOST, httpHost);
        requirePort(HTTP_PORT, httpPort, 0);
        requirePositive(HTTP_MAX_BODY_BYTES, httpMaxBodyBytes);
        requireText(HAZELCAST_CLUSTER_NAME, hazelcastClusterName);
        requireText(HAZELCAST_HOST, hazelcastHost);
        requireIpAddress(HAZELCAST_HOST, hazelcastHost);
        requirePort(HAZELCAST_PORT, hazelcastPort, 1);
        if (hazelcastMembers == null || hazelcastMembers.isEmpty()) {
            throw new IllegalArgumentException(HAZELCAST_MEMBERS + " must name at least one member (this node for a"
                    + " single node): '" + (hazelcastMembers == null ? "" : String.join(",", hazelcastMembers)) + "'");
        }
        hazelcastMembers = List.copyOf(hazelcastMembers);
        hazelcastMembers.forEach(CoordinatorConfig::requireMember);
        if (hazelcastBackupCount < 1 || hazelcastBackupCount > MapConfig.MAX_BACKUP_COUNT) {
            throw new IllegalArgumentException(HAZELCAST_BACKUP_COUNT + " must be between 1 and "
                    + MapConfig.MAX_BACKUP_COUNT + ": '" + hazelcastBackupCount + "'");
        }
        requireText(KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrapServers);
        requirePositive(METADATA_REFRESH_MS, metadataRefreshMs);
        requirePositive(METADATA_REQUEST_TIMEOUT_MS, metadataRequestTimeoutMs);
        requirePositive(SESSION_TIMEOUT_MS, sessionTimeoutMs);
        requirePositive(REBALANCE_TIMEOUT_MS, rebalanceTimeoutMs);
        requirePositive(HEARTBEAT_INTERVAL_MS, heartbeatIntervalMs);
        if (heartbeatIntervalMs >= sessionTimeoutMs) {
            throw new IllegalArgumentException(HEARTBEAT_INTERVAL_MS + " must be less than " + SESSION_TIMEOUT_MS
                    + " (" + sessionTimeoutMs + "): '" + heartbeatIntervalMs + "'");
        }
        requireText(GROUP_ASSIGNOR, groupAssignor);
        AssignorRegistry assignors = AssignorRegistry.withDefaults();
        if (!assignors.contains(groupAssignor)) {
            throw new IllegalArgumentException(GROUP_ASSIGNOR + " must be one of " + assignors.names() + ": '"
                    + groupAssignor + "'");
        }
        requirePositive(EXPIRY_CHECK_INTERVAL_MS, expiryCheckIntervalMs);
        requirePositive(OFFSETS_RETENTION_MS, offsetsRetentionMs);
        requirePositive(OFFSETS_RETENTION_CHECK_INTERVAL_MS, offsetsRetentionCheckIntervalMs);
        if (offsetsDurability == null) {
            throw new IllegalArgumentException(OFFSETS_DURABILITY + " must be sync or async: ''");
        }
        if (offsetsTopic == null || !TOPIC_NAME.matcher(offsetsTopic).matches()) {
            throw new IllegalArgumentException(OFFSETS_TOPIC + " must be a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -): '"
                    + (offsetsTopic == null ? "" : offsetsTopic) + "'");
        }
        requirePositive(OFFSETS_TOPIC_PARTITIONS, offsetsTopicPartitions);
        if (offsetsTopicReplicationFactor < 1 || offsetsTopicReplicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException(OFFSETS_TOPIC_REPLICATION_FACTOR + " must be between 1 and "
                    + Short.MAX_VALUE + ": '" + offsetsTopicReplicationFactor + "'");
        }
        requirePositive(OFFSETS_DURABLE_TIMEOUT_MS, offsetsDurableTimeoutMs);
        if (offsetsAsyncLingerMs < 0) {
            throw new IllegalArgumentException(OFFSETS_ASYNC_LINGER_MS + " must not be negative: '" + offsetsAsyncLingerMs + "'");
        }
        requirePositive(OFFSETS_ASYNC_BATCH_RECORDS, offsetsAsyncBatchRecords);
    }

    /** Every key at its default. */
    public static CoordinatorConfig defaults() {
        return fromStrings(Map.of());
    }

    /**
     * Parses the given values, taking the default for every key that is absent.
     *
     * @throws IllegalArgumentException naming the key for a key that is not known, a value that
     *                                  does not parse, or a value that does not validate
     */
    public static CoordinatorConfig fromStrings(Map<String, String> values) {
        for (String key : values.keySet()) {
            if (!DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException("unknown configuration key '" + key + "'; known keys: "
                        + DEFAULTS.keySet());
            }
        }
        Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
        v.putAll(values);
        return new CoordinatorConfig(
                text(v, HTTP_HOST),
                intValue(v, HTTP_PORT),
                intValue(v, HTTP_MAX_BODY_BYTES),
                text(v, HAZELCAST_CLUSTER_NAME),
                text(v, HAZELCAST_HOST),
                intValue(v, HAZELCAST_PORT),
                members(v.get(HAZELCAST_MEMBERS)),
                intValue(v, HAZELCAST_BACKUP_COUNT),
                text(v, KAFKA_BOOTSTRAP_SERVERS),
                longValue(v, METADATA_REFRESH_MS),
                longValue(v, METADATA_REQUEST_TIMEOUT_MS),
                longValue(v, SESSION_TIMEOUT_MS),
                longValue(v, REBALANCE_TIMEOUT_MS),
                longValue(v, HEARTBEAT_INTERVAL_MS),
                text(v, GROUP_ASSIGNOR),
                longValue(v, EXPIRY_CHECK_INTERVAL_MS),
                longValue(v, OFFSETS_RETENTION_MS),
                longValue(v, OFFSETS_RETENTION_CHECK_INTERVAL_MS),
                durability(v.get(OFFSETS_DURABILITY)),
                text(v, OFFSETS_TOPIC),
                intValue(v, OFFSETS_TOPIC_PARTITIONS),
                intValue(v, OFFSETS_TOPIC_REPLICATION_FACTOR),
                longValue(v, OFFSETS_DURABLE_TIMEOUT_MS),
                longValue(v, OFFSETS_ASYNC_LINGER_MS),
                intValue(v, OFFSETS_ASYNC_BATCH_RECORDS));
    }

    /** Every key with its value, in the order of {@link #DEFAULTS}; {@code fromStrings(toStrings())} equals this. */
    public Map<String, String> toStrings() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(HTTP_HOST, httpHost);
        v.put(HTTP_PORT, Integer.toString(httpPort));
        v.put(HTTP_MAX_BODY_BYTES, Integer.toString(httpMaxBodyBytes));
        v.put(HAZELCAST_CLUSTER_NAME, hazelcastClusterName);
        v.put(HAZELCAST_HOST, hazelcastHost);
        v.put(HAZELCAST_PORT, Integer.toString(hazelcastPort));
        v.put(HAZELCAST_MEMBERS, String.join(",", hazelcastMembers));
        v.put(HAZELCAST_BACKUP_COUNT, Integer.toString(hazelcastBackupCount));
        v.put(KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrapServers);
        v.put(METADATA_REFRESH_MS, Long.toString(metadataRefreshMs));
        v.put(METADATA_REQUEST_TIMEOUT_MS, Long.toString(metadataRequestTimeoutMs));
        v.put(SESSION_TIMEOUT_MS, Long.toString(sessionTimeoutMs));
        v.put(REBALANCE_TIMEOUT_MS, Long.toString(rebalanceTimeoutMs));
        v.put(HEARTBEAT_INTERVAL_MS, Long.toString(heartbeatIntervalMs));
        v.put(GROUP_ASSIGNOR, groupAssignor);
        v.put(EXPIRY_CHECK_INTERVAL_MS, Long.toString(expiryCheckIntervalMs));
        v.put(OFFSETS_RETENTION_MS, Long.toString(offsetsRetentionMs));
        v.put(OFFSETS_RETENTION_CHECK_INTERVAL_MS, Long.toString(offsetsRetentionCheckIntervalMs));
        v.put(OFFSETS_DURABILITY, offsetsDurability.name().toLowerCase(Locale.ROOT));
        v.put(OFFSETS_TOPIC, offsetsTopic);
        v.put(OFFSETS_TOPIC_PARTITIONS, Integer.toString(offsetsTopicPartitions));
        v.put(OFFSETS_TOPIC_REPLICATION_FACTOR, Integer.toString(offsetsTopicReplicationFactor));
        v.put(OFFSETS_DURABLE_TIMEOUT_MS, Long.toString(offsetsDurableTimeoutMs));
        v.put(OFFSETS_ASYNC_LINGER_MS, Long.toString(offsetsAsyncLingerMs));
        v.put(OFFSETS_ASYNC_BATCH_RECORDS, Integer.toString(offsetsAsyncBatchRecords));
        return Collections.unmodifiableMap(v);
    }

    /** For {@code KafkaTopicMetadataSource}: the bootstrap servers and both metadata timings. */
    public KafkaMetadataConfig kafkaMetadataConfig() {
        return KafkaMetadataConfig.forCluster(kafkaBootstrapServers)
                .withRefreshIntervalMs(metadataRefreshMs)
                .withRequestTimeoutMs(metadataRequestTimeoutMs);
    }

    /** The offset store's settings: default map name and metadata limit, this backup count and retention. */
    public OffsetStoreConfig offsetStoreConfig() {
        return OffsetStoreConfig.defaults().withBackupCount(hazelcastBackupCount).withRetentionMs(offsetsRetentionMs);
    }

    /** The durable offset log's topic: {@code kafka.bootstrap.servers} and the {@code offsets.topic*} keys. */
    public KafkaOffsetLogConfig kafkaOffsetLogConfig() {
        return KafkaOffsetLogConfig.forCluster(kafkaBootstrapServers).withTopic(offsetsTopic)
                .withPartitions(offsetsTopicPartitions).withReplicationFactor((short) offsetsTopicReplicationFactor)
                .withTimeoutMs(offsetsDurableTimeoutMs);
    }

    /** When commits are acknowledged relative to the durable log: {@code offsets.durability} and its timings. */
    public DurableOffsetsConfig durableOffsetsConfig() {
        return new DurableOffsetsConfig(offsetsDurability, offsetsDurableTimeoutMs, offsetsAsyncLingerMs,
                offsetsAsyncBatchRecords);
    }

    public GroupTimeouts groupTimeouts() {
        return new GroupTimeouts(sessionTimeoutMs, rebalanceTimeoutMs);
    }

    // ---- parsing and validation helpers ----

    /** {@code sync} or {@code async}, in any case; {@code null} (reported by the constructor) for anything else. */
    private static DurabilityMode durability(String value) {
        String mode = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (DurabilityMode known : DurabilityMode.values()) {
            if (known.name().equals(mode)) {
                return known;
            }
        }
        throw new IllegalArgumentException(OFFSETS_DURABILITY + " must be sync or async: '" + value + "'");
    }

    private static String text(Map<String, String> values, String key) {
        String value = values.get(key);
        return value == null ? null : value.trim();
    }

    private static int intValue(Map<String, String> values, String key) {
        String value = values.get(key);
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number: '" + value + "'");
        }
    }

    private static long longValue(Map<String, String> values, String key) {
        String value = values.get(key);
        try {
            return Long.parseLong(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number of milliseconds: '" + value + "'");
        }
    }

    /** Splits a comma-separated list; an empty entry (as in {@code a,,b}) is an error, not skipped. */
    private static List<String> members(String value) {
        List<String> members = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return members;
        }
        for (String entry : value.split(",", -1)) {
            String member = entry.trim();
            if (member.isEmpty()) {
                throw new IllegalArgumentException(HAZELCAST_MEMBERS + " has an empty entry: '" + value + "'");
            }
            members.add(member);
        }
        return members;
    }

    private static void requireText(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be empty: '" + (value == null ? "" : value) + "'");
        }
    }

    /**
     * Hazelcast matches its interface setting against the machine's addresses, so a host name would
     * never match: an IPv4 literal ({@code 10.0.0.5}) or an IPv6 literal ({@code ::1}) only.
     */
    private static void requireIpAddress(String key, String value) {
        if (!isIpAddress(value)) {
            throw new IllegalArgumentException(key + " must be an IP address of this machine, not a host name: '"
                    + value + "'");
        }
    }

    private static boolean isIpAddress(String value) {
        if (value.contains(":")) {
            return value.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        }
        String[] parts = value.split("\\.", -1);
        boolean ok = parts.length == 4;
        for (String part : parts) {
            ok &= !part.isEmpty() && part.length() <= 3 && part.chars().allMatch(c -> c >= '0' && c <= '9')
                    && Integer.parseInt(part) <= 255;
        }
        return ok;
    }

    private static void requirePort(String key, int port, int lowest) {
        if (port < lowest || port > 65_535) {
            throw new IllegalArgumentException(key + " must be a port between " + lowest + " and 65535: '" + port + "'");
        }
    }

    private static void requirePositive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive: '" + value + "'");
        }
    }

    /**
     * {@code ipv4}, {@code ipv4:port}, {@code [ipv6]} or {@code [ipv6]:port}; no host names, no port range.
     * A port, when given, is 1 to 65535.
     */
    private static void requireMember(String member) {
        String host = member;
        String port = null;
        if (member.startsWith("[")) {
            int close = member.indexOf(']');
            if (close < 0 || (close < member.length() - 1 && member.charAt(close + 1) != ':')) {
                throw badMember(member, "expected [ipv6] or [ipv6]:port");
            }
            host = member.substring(1, close);
            port = close < member.length() - 1 ? member.substring(close + 2) : null;
        } else {
            int colon = member.indexOf(':');
            if (colon >= 0 && colon == member.lastIndexOf(':')) {
                host = member.substring(0, colon);
                port = member.substring(colon + 1);
            } else if (colon >= 0) {
                throw badMember(member, "write an IPv6 address as [address] or [address]:port");
            }
        }
        // With interfaces enabled, Hazelcast's TCP-IP join drops a host name unless it resolves to this
        // member's own interface: only IP addresses reach other machines.
        if (!isIpAddress(host) || (member.startsWith("[") != host.contains(":"))) {
            throw badMember(member, "expected an IP address, address:port, [ipv6] or [ipv6]:port");
        }
        if (port != null) {
            int number;
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw badMember(member, "the port must be one number from 1 to 65535 (no ranges)");
            }
            if (number < 1 || number > 65_535) {
                throw badMember(member, "the port must be one number from 1 to 65535 (no ranges)");
            }
        }
    }

    private static IllegalArgumentException badMember(String member, String why) {
        return new IllegalArgumentException(HAZELCAST_MEMBERS + " has a bad entry, " + why + ": '" + member + "'");
    }
}
