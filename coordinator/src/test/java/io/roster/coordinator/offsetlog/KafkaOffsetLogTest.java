package io.roster.coordinator.offsetlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.coordinator.testing.EmbeddedKafkaBroker;
import io.roster.offsets.CommittedOffset;
import io.roster.offsets.OffsetLogRecord;
import io.roster.offsets.OffsetsUnavailableException;
import io.roster.offsets.PartitionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka offsets log against a real broker: topic creation, order, tombstones, refusal of a non-compacted topic. */
class KafkaOffsetLogTest {

    private static final EmbeddedKafkaBroker KAFKA = new EmbeddedKafkaBroker();
    private static final PartitionId P0 = new PartitionId("orders", 0);
    private static final PartitionId P1 = new PartitionId("orders", 1);

    @BeforeAll
    static void startKafka() {
        KAFKA.start();
    }

    @AfterAll
    static void stopKafka() {
        KAFKA.close();
    }

    private static KafkaOffsetLogConfig config(String topic) {
        return KafkaOffsetLogConfig.forCluster(KAFKA.bootstrapServers()).withTopic(topic).withPartitions(3)
                .withTimeoutMs(10_000);
    }

    @Test
    void appendedRecordsReplayInOrderPerGroupFromACompactedTopicItCreated() throws Exception {
        List<OffsetLogRecord> written = new ArrayList<>();
        try (KafkaOffsetLog log = new KafkaOffsetLog(config("offsets-roundtrip"))) {
            for (int seq = 1; seq <= 20; seq++) {
                String group = "group-" + (seq % 4);
                OffsetLogRecord record = seq % 7 == 0 ? OffsetLogRecord.tombstone(group, P1, seq)
                        : OffsetLogRecord.offset(group, seq % 2 == 0 ? P0 : P1, seq,
                                new CommittedOffset(seq * 10L, seq % 3 == 0 ? null : "m" + seq, 1000L + seq));
                written.add(record);
            }
            log.append(written.subList(0, 10)).toCompletableFuture().get(30, TimeUnit.SECONDS);
            log.append(written.subList(10, 20)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        List<OffsetLogRecord> replayed = new ArrayList<>();
        try (KafkaOffsetLog log = new KafkaOffsetLog(config("offsets-roundtrip"))) {
            log.replay(replayed::add);
        }
        assertEquals(written.size(), replayed.size(), replayed.toString());
        for (String group : List.of("group-0", "group-1", "group-2", "group-3")) {
            assertEquals(written.stream().filter(r -> r.group().equals(group)).toList(),
                    replayed.stream().filter(r -> r.group().equals(group)).toList(), "records of " + group + " in order");
        }
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "offsets-roundtrip");
        String policy = KAFKA.admin().describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic)
                .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, policy);
        assertEquals(3, KAFKA.admin().describeTopics(List.of("offsets-roundtrip")).allTopicNames()
                .get(30, TimeUnit.SECONDS).get("offsets-roundtrip").partitions().size());
    }

    @Test
    void anEmptyLogReplaysNothing() throws Exception {
        List<OffsetLogRecord> replayed = new ArrayList<>();
        try (KafkaOffsetLog log = new KafkaOffsetLog(config("offsets-empty"))) {
            log.replay(replayed::add);
        }
        assertEquals(List.of(), replayed);
    }

    @Test
    void aTopicThatIsNotCompactedIsRefused() throws Exception {
        KAFKA.admin().createTopics(List.of(new NewTopic("offsets-deleting", 1, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE))))
                .all().get(30, TimeUnit.SECONDS);
        try (KafkaOffsetLog log = new KafkaOffsetLog(config("offsets-deleting"))) {
            OffsetsUnavailableException refused = assertThrows(OffsetsUnavailableException.class, log::ensureTopic);
            assertTrue(refused.getMessage().contains("cleanup.policy=delete"), refused.getMessage());
            ExecutionException failed = assertThrows(ExecutionException.class, () -> log.append(List.of(
                    OffsetLogRecord.offset("g", P0, 1, new CommittedOffset(1, null, 1)))).toCompletableFuture().get(30, TimeUnit.SECONDS));
            assertInstanceOf(OffsetsUnavailableException.class, failed.getCause());
        }
    }
}
