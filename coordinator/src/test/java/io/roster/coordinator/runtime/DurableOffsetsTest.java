package io.roster.coordinator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.coordinator.metadata.StaticTopicMetadataSource;
import io.roster.coordinator.offsetlog.KafkaOffsetLog;
import io.roster.coordinator.offsetlog.KafkaOffsetLogConfig;
import io.roster.coordinator.testing.DurableNode;
import io.roster.coordinator.testing.EmbeddedKafkaBroker;
import io.roster.coordinator.testing.HttpMember;
import io.roster.coordinator.testing.JsonHttpClient;
import io.roster.coordinator.testing.JsonHttpClient.Response;
import io.roster.coordinator.testing.LoggedOffsets;
import io.roster.coordinator.testing.TestHazelcast;
import io.roster.offsets.CommittedOffset;
import io.roster.offsets.DurabilityMode;
import io.roster.offsets.DurableOffsetsConfig;
import io.roster.offsets.OffsetLogRecord;
import io.roster.offsets.OffsetsUnavailableException;
import io.roster.offsets.PartitionId;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Durable offsets against a real broker: the Kafka log itself, the broker stopping under a running node, and
 * cold starts of a whole new coordinator cluster. One broker (and one JVM) for all of them: each test that
 * stops the broker starts it again, and every test leaves it running.
 */
class DurableOffsetsTest {

    private static final EmbeddedKafkaBroker KAFKA = new EmbeddedKafkaBroker();
    private static final StaticTopicMetadataSource TOPICS = new StaticTopicMetadataSource().setTopic("orders", 4);
    private static final PartitionId P0 = new PartitionId("orders", 0);
    private static final PartitionId P1 = new PartitionId("orders", 1);

    private final Vertx vertx = Vertx.vertx();
    private final JsonHttpClient http = new JsonHttpClient(vertx);
    private final List<DurableNode> nodes = new ArrayList<>();

    @BeforeAll
    static void startKafka() {
        KAFKA.start();
    }

    @AfterAll
    static void stopKafka() {
        KAFKA.close();
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(DurableNode::close);
        vertx.close();
        // Running again, and able to lead a new partition: a broker that just restarted answers before its
        // controller has unfenced it, and a topic created then has no leader for a while.
        KAFKA.restart();
        KAFKA.createTopic("ready-" + UUID.randomUUID(), 1);
    }

    private static KafkaOffsetLogConfig log(String topic, long timeoutMs) {
        return KafkaOffsetLogConfig.forCluster(KAFKA.bootstrapServers()).withTopic(topic).withPartitions(3)
                .withTimeoutMs(timeoutMs);
    }

    private DurableNode node(TestHazelcast cluster, KafkaOffsetLogConfig log, DurableOffsetsConfig durability) {
        DurableNode node = DurableNode.start(cluster, TOPICS, log, durability);
        nodes.add(node);
        return node;
    }

    private HttpMember joined(DurableNode node, String group) {
        HttpMember member = new HttpMember(http, node.httpPort(), group, "orders");
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> member.heartbeat().status() == 200 && member.owned().size() == 4);
        return member;
    }

    private Response fetch(DurableNode node, String group) {
        return http.get(node.httpPort(), "/v1/groups/" + group + "/offsets");
    }

    private Response reset(DurableNode node, String group, long offset) {
        return http.post(node.httpPort(), "/v1/admin/groups/" + group + "/offsets/reset",
                new JsonObject().put("mode", "to-offset").put("offset", offset));
    }

    private static void awaitLoaded(DurableNode node) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> node.durableOffsets().loaded());
    }

    /** Every owned partition at {@code offset}. */
    private static Map<PartitionId, Long> at(HttpMember member, long offset) {
        Map<PartitionId, Long> offsets = new TreeMap<>();
        member.owned().forEach(partition -> offsets.put(partition, offset));
        return offsets;
    }

    /** Commits growing offsets for every owned partition, {@code rounds} times; returns the last, acknowledged. */
    private static Map<PartitionId, Long> commitRounds(HttpMember member, int rounds) {
        Map<PartitionId, Long> offsets = new TreeMap<>();
        for (long round = 1; round <= rounds; round++) {
            offsets = new TreeMap<>();
            for (PartitionId partition : member.owned()) {
                offsets.put(partition, round * 100 + partition.partition());
            }
            assertEquals(200, member.commit(offsets).status());
        }
        return offsets;
    }

    /** The log on its own: topic creation, order, tombstones, refusal of a topic that is not compacted. */
    @Nested
    class TheKafkaLog {

        @Test
        void appendedRecordsReplayInOrderPerGroupFromACompactedTopicItCreated() throws Exception {
            List<OffsetLogRecord> written = new ArrayList<>();
            try (KafkaOffsetLog log = new KafkaOffsetLog(log("offsets-roundtrip", 10_000))) {
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
            try (KafkaOffsetLog log = new KafkaOffsetLog(log("offsets-roundtrip", 10_000))) {
                log.replay(replayed::add);
            }
            assertEquals(written.size(), replayed.size(), replayed.toString());
            for (String group : List.of("group-0", "group-1", "group-2", "group-3")) {
                assertEquals(written.stream().filter(r -> r.group().equals(group)).toList(),
                        replayed.stream().filter(r -> r.group().equals(group)).toList(), "records of " + group + " in order");
            }
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "offsets-roundtrip");
            assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, KAFKA.admin().describeConfigs(List.of(topic)).all()
                    .get(30, TimeUnit.SECONDS).get(topic).get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
            assertEquals(3, KAFKA.admin().describeTopics(List.of("offsets-roundtrip")).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get("offsets-roundtrip").partitions().size());
        }

        @Test
        void anEmptyLogReplaysNothing() throws Exception {
            List<OffsetLogRecord> replayed = new ArrayList<>();
            try (KafkaOffsetLog log = new KafkaOffsetLog(log("offsets-empty", 10_000))) {
                log.replay(replayed::add);
            }
            assertEquals(List.of(), replayed);
        }

        @Test
        void aTopicThatIsNotCompactedIsRefused() throws Exception {
            KAFKA.admin().createTopics(List.of(new NewTopic("offsets-deleting", 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE))))
                    .all().get(30, TimeUnit.SECONDS);
            try (KafkaOffsetLog log = new KafkaOffsetLog(log("offsets-deleting", 10_000))) {
                OffsetsUnavailableException refused = assertThrows(OffsetsUnavailableException.class, log::ensureTopic);
                assertTrue(refused.getMessage().contains("cleanup.policy=delete"), refused.getMessage());
                ExecutionException failed = assertThrows(ExecutionException.class, () -> log.append(List.of(
                        OffsetLogRecord.offset("g", P0, 1, new CommittedOffset(1, null, 1))))
                        .toCompletableFuture().get(30, TimeUnit.SECONDS));
                assertInstanceOf(OffsetsUnavailableException.class, failed.getCause());
            }
        }
    }

    /**
     * The broker stops under a running node with synchronous durable offsets: commits, resets and deletes
     * fail cleanly (503 OFFSETS_UNAVAILABLE with Retry-After) and change nothing while it is down, heartbeats
     * and fetches go on, and changes succeed again once it is back.
     */
    @Nested
    class BrokerOutage {

        @Test
        void changesFailCleanlyWhileTheBrokerIsDownAndResumeAfter() throws Exception {
            KafkaOffsetLogConfig logConfig = log("offsets-outage", 2_000);
            DurableNode node = node(new TestHazelcast(), logConfig, DurableOffsetsConfig.of(DurabilityMode.SYNC)
                    .withTimeoutMs(2_000));
            awaitLoaded(node);
            HttpMember member = joined(node, "outage");
            assertEquals(200, member.commit(at(member, 10)).status());

            KAFKA.stop();
            Response refused = member.commit(at(member, 20));
            assertEquals(503, refused.status(), refused.json().encode());
            assertEquals("OFFSETS_UNAVAILABLE", refused.error());
            assertEquals("1", refused.headers().get("retry-after"));
            assertTrue(refused.message().contains("nothing was stored"), refused.message());
            Map<PartitionId, Long> ten = at(member, 10);
            assertEquals(ten, HttpMember.offsets(fetch(node, "outage")), "a refused commit changes nothing");
            assertEquals(200, member.heartbeat().status(), "membership does not need the log");
            assertEquals(200, member.leave().status());
            for (Response admin : new Response[] {reset(node, "outage", 5),
                    http.call(HttpMethod.DELETE, node.httpPort(), "/v1/admin/groups/outage", null)}) {
                assertEquals(503, admin.status(), admin.json().encode());
                assertEquals("OFFSETS_UNAVAILABLE", admin.error());
            }
            assertEquals(ten, HttpMember.offsets(fetch(node, "outage")), "a refused reset or delete changes nothing");

            KAFKA.restart();
            // The producer reconnects on its own; until then changes keep answering 503.
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> reset(node, "outage", 20).status() == 200);
            HttpMember again = joined(node, "outage");
            assertEquals(200, again.commit(at(again, 30)).status());
            assertEquals(at(again, 30), HttpMember.offsets(fetch(node, "outage")));
            assertEquals(at(again, 30), LoggedOffsets.reloadable(logConfig, "outage"), "the last commit has the highest seq");
        }
    }

    /** Every coordinator node dies at once; a new cluster starts against the same Kafka and reloads the offsets. */
    @Nested
    class ColdStart {

        /**
         * Synchronous mode, and Kafka is down while the new cluster starts: it answers 503 OFFSETS_LOADING
         * until Kafka is back and the offsets are loaded; then every acknowledged offset is there, resets and
         * deletes included, and the groups go on.
         */
        @Test
        void everyAcknowledgedOffsetSurvivesTheLossOfEveryNode() {
            KafkaOffsetLogConfig log = log("cold-start-sync", 2_000);
            DurableOffsetsConfig sync = DurableOffsetsConfig.of(DurabilityMode.SYNC).withTimeoutMs(5_000);
            TestHazelcast before = new TestHazelcast();
            List<DurableNode> first = List.of(node(before, log, sync), node(before, log, sync));
            awaitLoaded(first.get(0));

            Map<String, Map<PartitionId, Long>> acknowledged = new TreeMap<>();
            for (String group : List.of("payments", "shipping", "refunds", "audit")) {
                HttpMember member = joined(first.get(acknowledged.size() % 2), group);
                acknowledged.put(group, commitRounds(member, 3));
                if (group.equals("refunds") || group.equals("audit")) {
                    assertEquals(200, member.leave().status());
                }
            }
            // An admin reset moves offsets back (and must stay moved); a delete must stay deleted.
            assertEquals(200, reset(first.get(0), "refunds", 5).status());
            acknowledged.get("refunds").replaceAll((partition, offset) -> 5L);
            assertEquals(200, http.call(HttpMethod.DELETE, first.get(1).httpPort(), "/v1/admin/groups/audit", null).status());
            acknowledged.remove("audit");

            first.forEach(DurableNode::kill);
            KAFKA.stop();
            TestHazelcast after = new TestHazelcast();
            DurableNode restarted = node(after, log, sync);
            node(after, log, sync);
            for (int i = 0; i < 3; i++) {
                Response loading = fetch(restarted, "payments");
                assertEquals(503, loading.status(), loading.json().encode());
                assertEquals("OFFSETS_LOADING", loading.error());
                assertEquals("1", loading.headers().get("retry-after"));
            }
            KAFKA.restart();
            awaitLoaded(restarted);

            acknowledged.forEach((group, offsets) ->
                    assertEquals(offsets, HttpMember.offsets(fetch(restarted, group)), "offsets of " + group));
            assertEquals("UNKNOWN_GROUP", fetch(restarted, "audit").error(), "deleted before the crash, still deleted");
            HttpMember member = joined(restarted, "payments");
            assertEquals(200, member.commit(at(member, 1_000)).status());
            assertEquals(at(member, 1_000), HttpMember.offsets(fetch(restarted, "payments")));
        }

        /**
         * Asynchronous mode: commits are acknowledged before the log has them. What is asserted: every offset
         * acknowledged before the node's writer reported everything written ({@code pendingRecords() == 0},
         * about {@code offsets.async.linger.ms} after the last commit) survives the loss of every node. What
         * was still waiting in the writer when the cluster died would be lost (docs/durability.md).
         */
        @Test
        void inAsyncModeEveryOffsetTheWriterHadWrittenSurvives() {
            KafkaOffsetLogConfig log = log("cold-start-async", 5_000);
            DurableOffsetsConfig async = DurableOffsetsConfig.of(DurabilityMode.ASYNC).withLingerMs(5);
            DurableNode first = node(new TestHazelcast(), log, async);
            awaitLoaded(first);
            Map<String, Map<PartitionId, Long>> acknowledged = new TreeMap<>();
            for (String group : List.of("async-a", "async-b")) {
                acknowledged.put(group, commitRounds(joined(first, group), 20));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> first.durableOffsets().pendingRecords() == 0);

            first.kill();
            DurableNode restarted = node(new TestHazelcast(), log, async);
            awaitLoaded(restarted);
            acknowledged.forEach((group, offsets) ->
                    assertEquals(offsets, HttpMember.offsets(fetch(restarted, group)), "offsets of " + group));
        }
    }
}
