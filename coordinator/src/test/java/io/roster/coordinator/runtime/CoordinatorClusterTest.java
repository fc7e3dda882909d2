package io.roster.coordinator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.roster.coordinator.metadata.StaticTopicMetadataSource;
import io.roster.coordinator.testing.JsonHttpClient;
import io.roster.coordinator.testing.TestHazelcast;
import io.roster.offsets.OffsetStoreConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Three coordinator nodes on three Hazelcast members. Members heartbeat and commit through
 * different nodes; one node dies abruptly; the group and its offsets survive on the others,
 * which carry on; members that go silent are each expired exactly once.
 */
class CoordinatorClusterTest {

    // Longer than the 5 s Hazelcast waits for a dead member's backups: heartbeats can stall that long.
    private static final long SESSION_MS = 8_000;
    private static final String GROUP = "cluster-group";

    private final Vertx vertx = Vertx.vertx();
    private final JsonHttpClient http = new JsonHttpClient(vertx);
    private final List<HazelcastInstance> hazelcast = new ArrayList<>();
    private final List<CoordinatorNode> nodes = new ArrayList<>();

    /** A well-behaved client: releases what it is told to at once. */
    private final class Member {
        String id = "";
        int epoch;
        int node;
        JsonArray owned = new JsonArray();

        Member(int node) {
            this.node = node;
        }

        JsonObject heartbeat() throws Exception {
            JsonObject body = new JsonObject().put("memberId", id).put("memberEpoch", epoch).put("ownedPartitions", owned);
            if (id.isEmpty()) {
                body.put("subscribedTopics", new JsonArray().add("orders")).remove("ownedPartitions");
            }
            JsonObject view = post(node, "/v1/groups/" + GROUP + "/heartbeat", body);
            if (view.containsKey("error")) {
                return view;
            }
            id = view.getString("memberId");
            epoch = view.getInteger("memberEpoch");
            owned = view.getJsonArray("assignedPartitions");
            return view;
        }

        Set<Integer> partitions() {
            Set<Integer> partitions = new HashSet<>();
            for (Object entry : owned) {
                ((JsonObject) entry).getJsonArray("partitions").forEach(p -> partitions.add((Integer) p));
            }
            return partitions;
        }

        void commit(long offset) throws Exception {
            JsonArray offsets = new JsonArray();
            partitions().forEach(p -> offsets.add(new JsonObject().put("topic", "orders").put("partition", p)
                    .put("offset", offset)));
            if (!offsets.isEmpty()) {
                JsonObject result = post(node, "/v1/groups/" + GROUP + "/offsets/commit", new JsonObject()
                        .put("memberId", id).put("memberEpoch", epoch).put("offsets", offsets));
                assertTrue(result.containsKey("results"), result.encode());
            }
        }
    }

    private JsonObject post(int node, String path, JsonObject body) {
        JsonHttpClient.Response response = http.post(nodes.get(node).httpPort(), path, body);
        return response.json().isEmpty()
                ? new JsonObject().put("error", "HTTP " + response.status() + " without a body") : response.json();
    }

    private JsonObject get(int node, String path) {
        return http.get(nodes.get(node).httpPort(), path).json();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Heartbeats of every member until each owns its share and nobody owns a partition twice. */
    private void converge(List<Member> members, int partitions) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Set<Integer> seen = new HashSet<>();
            int owned = 0;
            for (Member member : members) {
                member.heartbeat();
                owned += member.partitions().size();
                seen.addAll(member.partitions());
            }
            assertEquals(owned, seen.size(), "a partition owned by two members");
            return seen.size() == partitions;
        });
    }

    @Test
    void theClusterOutlivesANodeAndExpiresEachSilentMemberOnce() throws Exception {
        TestHazelcast cluster = new TestHazelcast();
        StaticTopicMetadataSource topics = new StaticTopicMetadataSource().setTopic("orders", 12);
        NodeSettings settings = new NodeSettings(new GroupSettings(SESSION_MS, 30_000, 500, "uniform"), "127.0.0.1", 0,
                1024 * 1024, 100);
        try {
            for (int i = 0; i < 3; i++) {
                hazelcast.add(cluster.member());
                nodes.add(await(CoordinatorNode.start(vertx, hazelcast.get(i), topics, OffsetStoreConfig.defaults(),
                        settings, System::currentTimeMillis)));
            }
            List<Member> members = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                members.add(new Member(i % 3));
                members.get(i).heartbeat();
            }
            converge(members, 12);
            for (Member member : members) {
                member.commit(100);
            }
            // Members keep heartbeating, as real ones do, while the backups settle.
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                for (Member member : members) {
                    member.heartbeat();
                }
                return hazelcast.get(0).getPartitionService().isClusterSafe();
            });

            // Node 2 dies abruptly; its members fail over to node 0.
            hazelcast.get(2).getLifecycleService().terminate();
            await(nodes.get(2).stop());
            members.stream().filter(m -> m.node == 2).forEach(m -> m.node = 0);
            converge(members, 12);
            JsonObject offsets = get(1, "/v1/groups/" + GROUP + "/offsets");
            assertEquals(12, offsets.getJsonArray("offsets").size(), offsets.encode());
            offsets.getJsonArray("offsets").forEach(o -> assertEquals(100L, ((JsonObject) o).getLong("offset")));

            // Two members go silent: the others keep heartbeating and get their partitions.
            List<Member> alive = new ArrayList<>(members.subList(0, 4));
            long expiredBefore = nodes.get(0).expiredMembers() + nodes.get(1).expiredMembers();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                converge(alive, 12);
                return nodes.get(0).expiredMembers() + nodes.get(1).expiredMembers() - expiredBefore == 2;
            });
            Map<String, Integer> counts = new HashMap<>();
            alive.forEach(m -> counts.put(m.id, m.partitions().size()));
            assertEquals(Set.of(3), new HashSet<>(counts.values()), "12 partitions over 4 members: " + counts);
            for (Member silent : members.subList(4, 6)) {
                assertEquals("UNKNOWN_MEMBER", silent.heartbeat().getString("error"));
            }
            assertEquals(2, nodes.get(0).expiredMembers() + nodes.get(1).expiredMembers() - expiredBefore,
                    "each silent member expired exactly once");
            for (Member member : alive) {
                member.commit(200);
            }
        } finally {
            for (CoordinatorNode node : nodes) {
                node.stop();
            }
            await(vertx.close());
            hazelcast.forEach(member -> member.getLifecycleService().terminate());
        }
    }
}
