package io.roster.coordinator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.coordinator.metadata.StaticTopicMetadataSource;
import io.roster.coordinator.offsetlog.KafkaOffsetLog;
import io.roster.coordinator.offsetlog.KafkaOffsetLogConfig;
import io.roster.coordinator.testing.DurableNode;
import io.roster.coordinator.testing.EmbeddedKafkaBroker;
import io.roster.coordinator.testing.HttpMember;
import io.roster.coordinator.testing.JsonHttpClient;
import io.roster.coordinator.testing.JsonHttpClient.Response;
import io.roster.coordinator.testing.TestHazelcast;
import io.roster.offsets.DurabilityMode;
import io.roster.offsets.DurableOffsetsConfig;
import io.roster.offsets.OffsetLogRecord;
import io.roster.offsets.PartitionId;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker stops under a running coordinator with synchronous durable offsets: commits, resets and
 * deletes fail cleanly (503 OFFSETS_UNAVAILABLE with Retry-After) and change nothing while it is down,
 * heartbeats and fetches go on, and changes succeed again once it is back.
 */
class DurableCommitOutageTest {

    private static final String GROUP = "outage-group";
    private static final String TOPIC = "offsets-outage";

    private final EmbeddedKafkaBroker kafka = new EmbeddedKafkaBroker();
    private final Vertx vertx = Vertx.vertx();
    private final JsonHttpClient http = new JsonHttpClient(vertx);
    private DurableNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        vertx.close();
        kafka.close();
    }

    @Test
    void commitsFailCleanlyWhileTheBrokerIsDownAndResumeAfter() throws Exception {
        kafka.start();
        KafkaOffsetLogConfig logConfig = KafkaOffsetLogConfig.forCluster(kafka.bootstrapServers()).withTopic(TOPIC)
                .withPartitions(2).withTimeoutMs(2_000);
        node = DurableNode.start(new TestHazelcast(), new StaticTopicMetadataSource().setTopic("orders", 4), logConfig,
                DurableOffsetsConfig.of(DurabilityMode.SYNC).withTimeoutMs(2_000));
        HttpMember member = new HttpMember(http, node.httpPort(), GROUP, "orders");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> member.heartbeat().status() == 200
                && member.owned().size() == 4);
        assertEquals(200, member.commit(offsets(member, 10)).status());

        kafka.stop();
        Response refused = member.commit(offsets(member, 20));
        assertEquals(503, refused.status(), refused.json().encode());
        assertEquals("OFFSETS_UNAVAILABLE", refused.error());
        assertEquals("1", refused.headers().get("retry-after"));
        assertTrue(refused.message().contains("nothing was stored"), refused.message());
        assertEquals(offsets(member, 10), fetch(), "a refused commit changes nothing");
        assertEquals(200, member.heartbeat().status(), "membership does not need the log");
        Map<PartitionId, Long> partitions = offsets(member, 0);
        assertEquals(200, member.leave().status());
        for (Response admin : new Response[] {reset(5), http.call(HttpMethod.DELETE, node.httpPort(), "/v1/admin/groups/" + GROUP, null)}) {
            assertEquals(503, admin.status(), admin.json().encode());
            assertEquals("OFFSETS_UNAVAILABLE", admin.error());
        }
        assertEquals(withOffset(partitions, 10), fetch(), "a refused reset or delete changes nothing");

        kafka.restart();
        // The producer reconnects on its own; until then changes keep answering 503.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> reset(20).status() == 200);
        assertEquals(withOffset(partitions, 20), fetch());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> member.heartbeat().status() == 200
                && member.owned().size() == 4);
        assertEquals(200, member.commit(offsets(member, 30)).status());
        assertEquals(offsets(member, 30), fetch());

        // What a cold start would reload: per partition the record with the highest seq, which is the last commit.
        Map<PartitionId, OffsetLogRecord> latest = new TreeMap<>();
        try (KafkaOffsetLog log = new KafkaOffsetLog(logConfig.withTimeoutMs(10_000))) {
            log.replay(record -> latest.merge(record.partition(), record, (a, b) -> b.seq() >= a.seq() ? b : a));
        }
        Map<PartitionId, Long> reloaded = new TreeMap<>();
        latest.forEach((partition, record) -> reloaded.put(partition, record.committed().offset()));
        assertEquals(offsets(member, 30), reloaded);
    }

    private static Map<PartitionId, Long> offsets(HttpMember member, long offset) {
        Map<PartitionId, Long> offsets = new HashMap<>();
        member.owned().forEach(partition -> offsets.put(partition, offset));
        return new TreeMap<>(offsets);
    }

    private static Map<PartitionId, Long> withOffset(Map<PartitionId, Long> partitions, long offset) {
        Map<PartitionId, Long> offsets = new TreeMap<>();
        partitions.keySet().forEach(partition -> offsets.put(partition, offset));
        return offsets;
    }

    private Response reset(long offset) {
        return http.post(node.httpPort(), "/v1/admin/groups/" + GROUP + "/offsets/reset",
                new JsonObject().put("mode", "to-offset").put("offset", offset));
    }

    private Map<PartitionId, Long> fetch() {
        return HttpMember.offsets(http.get(node.httpPort(), "/v1/groups/" + GROUP + "/offsets"));
    }
}
