package io.roster.coordinator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.roster.coordinator.metadata.StaticTopicMetadataSource;
import io.roster.coordinator.offsetlog.KafkaOffsetLogConfig;
import io.roster.coordinator.testing.DurableNode;
import io.roster.coordinator.testing.EmbeddedKafkaBroker;
import io.roster.coordinator.testing.HttpMember;
import io.roster.coordinator.testing.JsonHttpClient;
import io.roster.coordinator.testing.JsonHttpClient.Response;
import io.roster.coordinator.testing.TestHazelcast;
import io.roster.offsets.DurabilityMode;
import io.roster.offsets.DurableOffsetsConfig;
import io.roster.offsets.PartitionId;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every coordinator node dies at once; a new coordinator cluster starts against the same Kafka and reloads
 * the committed offsets from the durable log before it serves them.
 */
class ColdStartTest {

    private static final EmbeddedKafkaBroker KAFKA = new EmbeddedKafkaBroker();
    private static final StaticTopicMetadataSource TOPICS = new StaticTopicMetadataSource().setTopic("orders", 6);

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
    }

    private DurableNode node(TestHazelcast cluster, KafkaOffsetLogConfig log, DurableOffsetsConfig durability) {
        DurableNode node = DurableNode.start(cluster, TOPICS, log, durability);
        nodes.add(node);
        return node;
    }

    /**
     * Synchronous mode, and Kafka is down while the new cluster starts: it answers 503 OFFSETS_LOADING until
     * Kafka is back and the offsets are loaded, then every acknowledged offset is there, resets and deletes
     * included.
     */
    @Test
    void everyAcknowledgedOffsetSurvivesTheLossOfEveryNode() {
        KafkaOffsetLogConfig log = KafkaOffsetLogConfig.forCluster(KAFKA.bootstrapServers()).withTopic("cold-start-sync")
                .withPartitions(3).withTimeoutMs(2_000);
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
        assertEquals(200, http.post(first.get(0).httpPort(), "/v1/admin/groups/refunds/offsets/reset",
                new JsonObject().put("mode", "to-offset").put("offset", 5)).status());
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

        assertReloaded(restarted, acknowledged);
        assertEquals("UNKNOWN_GROUP", fetch(restarted, "audit").error(), "deleted before the crash, still deleted");
        // The group goes on from where it was.
        HttpMember member = joined(restarted, "payments");
        Map<PartitionId, Long> next = new TreeMap<>();
        member.owned().forEach(partition -> next.put(partition, 1_000L));
        assertEquals(200, member.commit(next).status());
        assertEquals(next, HttpMember.offsets(fetch(restarted, "payments")));
    }

    /**
     * Asynchronous mode: commits are acknowledged before the log has them. What is asserted: every offset
     * acknowledged before the node's writer reported everything written ({@code pendingRecords() == 0},
     * about {@code offsets.async.linger.ms} after the last commit) survives the loss of every node. What
     * was still waiting in the writer when the cluster died would be lost (docs/durability.md).
     */
    @Test
    void inAsyncModeEveryOffsetTheWriterHadWrittenSurvives() {
        KafkaOffsetLogConfig log = KafkaOffsetLogConfig.forCluster(KAFKA.bootstrapServers()).withTopic("cold-start-async")
                .withPartitions(2).withTimeoutMs(5_000);
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
        assertReloaded(restarted, acknowledged);
    }

    private HttpMember joined(DurableNode node, String group) {
        HttpMember member = new HttpMember(http, node.httpPort(), group, "orders");
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> member.heartbeat().status() == 200 && member.owned().size() == 6);
        return member;
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

    private Response fetch(DurableNode node, String group) {
        return http.get(node.httpPort(), "/v1/groups/" + group + "/offsets");
    }

    private void awaitLoaded(DurableNode node) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> node.durableOffsets().loaded());
    }

    private void assertReloaded(DurableNode node, Map<String, Map<PartitionId, Long>> acknowledged) {
        acknowledged.forEach((group, offsets) ->
                assertEquals(offsets, HttpMember.offsets(fetch(node, group)), "offsets of " + group));
    }
}
