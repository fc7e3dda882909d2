package io.roster.coordinator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.coordinator.offsetlog.KafkaOffsetLogConfig;
import io.roster.offsets.DurabilityMode;
import io.roster.offsets.DurableOffsetsConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoordinatorConfigTest {

    @Test
    void defaults() {
        CoordinatorConfig config = CoordinatorConfig.defaults();

        assertEquals("127.0.0.1", config.httpHost());
        assertEquals(8080, config.httpPort());
        assertEquals(1_048_576, config.httpMaxBodyBytes());
        assertEquals("roster", config.hazelcastClusterName());
        assertEquals("127.0.0.1", config.hazelcastHost());
        assertEquals(5701, config.hazelcastPort());
        assertEquals(List.of("127.0.0.1"), config.hazelcastMembers());
        assertEquals(1, config.hazelcastBackupCount());
        assertEquals("localhost:9092", config.kafkaBootstrapServers());
        assertEquals(5_000, config.metadataRefreshMs());
        assertEquals(10_000, config.metadataRequestTimeoutMs());
        assertEquals(10_000, config.sessionTimeoutMs());
        assertEquals(30_000, config.rebalanceTimeoutMs());
        assertEquals(3_000, config.heartbeatIntervalMs());
        assertEquals("uniform", config.groupAssignor());
        assertEquals(250, config.expiryCheckIntervalMs());
        assertEquals(604_800_000L, config.offsetsRetentionMs());
        assertEquals(60_000, config.offsetsRetentionCheckIntervalMs());
        assertEquals(DurabilityMode.SYNC, config.offsetsDurability());
        assertEquals("__roster_offsets", config.offsetsTopic());
        assertEquals(16, config.offsetsTopicPartitions());
        assertEquals(1, config.offsetsTopicReplicationFactor());
        assertEquals(5_000, config.offsetsDurableTimeoutMs());
        assertEquals(5, config.offsetsAsyncLingerMs());
        assertEquals(1_000, config.offsetsAsyncBatchRecords());
        assertEquals(25, CoordinatorConfig.DEFAULTS.size());
        assertEquals(CoordinatorConfig.DEFAULTS, config.toStrings());
    }

    @Test
    void derivedConfigsCarryTheValues() {
        CoordinatorConfig config = CoordinatorConfig.fromStrings(Map.of("kafka.bootstrap.servers", "k1:9092,k2:9092",
                "metadata.refresh.ms", "700", "metadata.request.timeout.ms", "800", "hazelcast.backup.count", "2",
                "offsets.retention.ms", "9000", "session.timeout.ms", "6000", "rebalance.timeout.ms", "7000"));

        assertEquals("k1:9092,k2:9092", config.kafkaMetadataConfig().bootstrapServers());
        assertEquals(700, config.kafkaMetadataConfig().refreshIntervalMs());
        assertEquals(800, config.kafkaMetadataConfig().requestTimeoutMs());
        assertEquals(2, config.offsetStoreConfig().backupCount());
        assertEquals(9000, config.offsetStoreConfig().retentionMs());
        assertEquals("roster-offsets", config.offsetStoreConfig().mapName());
        assertEquals(6000, config.groupTimeouts().sessionTimeoutMs());
        assertEquals(7000, config.groupTimeouts().rebalanceTimeoutMs());
        assertEquals(config, CoordinatorConfig.fromStrings(config.toStrings()));
    }

    @Test
    void durableOffsetSettingsReachTheLogAndTheStore() {
        CoordinatorConfig config = CoordinatorConfig.fromStrings(Map.of("kafka.bootstrap.servers", "k1:9092",
                "offsets.durability", "ASYNC", "offsets.topic", "roster.offsets-prod", "offsets.topic.partitions", "50",
                "offsets.topic.replication.factor", "3", "offsets.durable.timeout.ms", "2500",
                "offsets.async.linger.ms", "0", "offsets.async.batch.records", "200"));

        assertEquals(new DurableOffsetsConfig(DurabilityMode.ASYNC, 2500, 0, 200), config.durableOffsetsConfig());
        KafkaOffsetLogConfig log = config.kafkaOffsetLogConfig();
        assertEquals("k1:9092", log.bootstrapServers());
        assertEquals("roster.offsets-prod", log.topic());
        assertEquals(50, log.partitions());
        assertEquals(3, log.replicationFactor());
        assertEquals(2500, log.timeoutMs());
        assertEquals("async", config.toStrings().get("offsets.durability"));
        assertEquals(config, CoordinatorConfig.fromStrings(config.toStrings()));
    }

    @Test
    void membersListAcceptsAddressesPortsAndIpv6() {
        CoordinatorConfig config = CoordinatorConfig.fromStrings(Map.of("hazelcast.members",
                " 10.0.0.1:5701, 10.0.0.2 ,[::1]:5702,[fe80::1]"));

        assertEquals(List.of("10.0.0.1:5701", "10.0.0.2", "[::1]:5702", "[fe80::1]"), config.hazelcastMembers());
    }

    @Test
    void portZeroPicksAFreeHttpPort() {
        assertEquals(0, CoordinatorConfig.fromStrings(Map.of("http.port", "0")).httpPort());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "http.host|' '",
            "http.port|-1",
            "http.port|65536",
            "http.port|eighty",
            "http.max.body.bytes|0",
            "http.max.body.bytes|3000000000",
            "hazelcast.cluster.name|' '",
            "hazelcast.host|localhost",
            "hazelcast.host|10.0.0.256",
            "hazelcast.port|0",
            "hazelcast.port|70000",
            "hazelcast.members|127.0.0.1:5701-5720",
            "hazelcast.members|127.0.0.1:0",
            "hazelcast.members|'a,,b'",
            "hazelcast.members|::1",
            "hazelcast.members|node-b:5701",
            "hazelcast.members|[10.0.0.1]:5701",
            "hazelcast.members|[::1",
            "hazelcast.members|' '",
            "hazelcast.backup.count|0",
            "hazelcast.backup.count|7",
            "kafka.bootstrap.servers|' '",
            "metadata.refresh.ms|0",
            "metadata.request.timeout.ms|-5",
            "session.timeout.ms|0",
            "session.timeout.ms|10s",
            "rebalance.timeout.ms|0",
            "heartbeat.interval.ms|0",
            "heartbeat.interval.ms|10000",
            "group.assignor|sticky",
            "expiry.check.interval.ms|0",
            "offsets.retention.ms|0",
            "offsets.retention.check.interval.ms|-1",
            "offsets.durability|eventually",
            "offsets.durability|' '",
            "offsets.topic|' '",
            "offsets.topic|roster offsets",
            "offsets.topic.partitions|0",
            "offsets.topic.replication.factor|0",
            "offsets.topic.replication.factor|40000",
            "offsets.durable.timeout.ms|0",
            "offsets.async.linger.ms|-1",
            "offsets.async.batch.records|0",
    })
    void everyValidationErrorNamesItsKeyAndValue(String key, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoordinatorConfig.fromStrings(Map.of(key, value)));

        assertTrue(e.getMessage().startsWith(key + " "), e.getMessage());
        assertTrue(e.getMessage().contains("'" + value.trim()) || e.getMessage().contains("'" + value + "'"),
                e.getMessage());
    }

    @Test
    void heartbeatMustBeBelowTheSessionTimeoutWhateverTheOrder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CoordinatorConfig.fromStrings(
                Map.of("session.timeout.ms", "2000", "heartbeat.interval.ms", "2500")));

        assertTrue(e.getMessage().contains("heartbeat.interval.ms") && e.getMessage().contains("2500")
                && e.getMessage().contains("session.timeout.ms (2000)"), e.getMessage());
    }

    @Test
    void unknownKeyIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoordinatorConfig.fromStrings(Map.of("sesion.timeout.ms", "1")));

        assertTrue(e.getMessage().contains("'sesion.timeout.ms'"), e.getMessage());
    }
}
