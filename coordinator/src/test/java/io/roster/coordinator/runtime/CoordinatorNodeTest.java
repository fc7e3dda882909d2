package io.roster.coordinator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.HazelcastInstance;
import io.roster.coordinator.metadata.StaticTopicMetadataSource;
import io.roster.coordinator.testing.JsonHttpClient;
import io.roster.coordinator.testing.TestHazelcast;
import io.roster.offsets.OffsetStoreConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two coordinator nodes on two Hazelcast members: a member's WebSocket on one node hears
 * of changes made through the other, and a silent member expires.
 */
class CoordinatorNodeTest {

    private static final long SESSION_MS = 1_500;

    private static Vertx vertx;
    private static HazelcastInstance firstMember;
    private static HazelcastInstance secondMember;
    private static CoordinatorNode first;
    private static CoordinatorNode second;
    private static JsonHttpClient http;
    private static StaticTopicMetadataSource topics;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        TestHazelcast cluster = new TestHazelcast();
        firstMember = cluster.member();
        secondMember = cluster.member();
        topics = new StaticTopicMetadataSource().setTopic("orders", 4);
        NodeSettings settings = new NodeSettings(new GroupSettings(SESSION_MS, 30_000, 500, "uniform"),
                "127.0.0.1", 0, 1024 * 1024, 100);
        first = await(CoordinatorNode.start(vertx, firstMember, topics, OffsetStoreConfig.defaults(), settings,
                System::currentTimeMillis));
        second = await(CoordinatorNode.start(vertx, secondMember, topics, OffsetStoreConfig.defaults(), settings,
                System::currentTimeMillis));
        http = new JsonHttpClient(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        await(first.stop());
        await(second.stop());
        await(vertx.close());
        firstMember.shutdown();
        secondMember.shutdown();
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static JsonObject heartbeat(CoordinatorNode node, String group, JsonObject body) {
        return http.post(node.httpPort(), "/v1/groups/" + group + "/heartbeat", body).json();
    }

    private static JsonObject join(CoordinatorNode node, String group) throws Exception {
        return heartbeat(node, group, new JsonObject().put("memberEpoch", 0)
                .put("subscribedTopics", new JsonArray().add("orders")));
    }

    @Test
    void aMemberHearsOfItsChangeOnWhicheverNodeItsSocketIs() throws Exception {
        JsonObject owner = join(first, "push-group");
        List<JsonObject> frames = new CopyOnWriteArrayList<>();
        WebSocketClient sockets = vertx.createWebSocketClient();
        await(sockets.connect(second.httpPort(), "127.0.0.1",
                "/v1/groups/push-group/members/" + owner.getString("memberId") + "/push")
                .map(socket -> socket.textMessageHandler(text -> frames.add(new JsonObject(text)))));

        join(first, "push-group"); // through the other node: the owner must release half

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !frames.isEmpty());
        assertEquals("assignment-changed", frames.get(0).getString("type"));
        assertEquals(owner.getString("memberId"), frames.get(0).getString("memberId"));
        JsonObject told = heartbeat(second, "push-group", new JsonObject()
                .put("memberId", owner.getString("memberId")).put("memberEpoch", 1));
        assertEquals(2, told.getJsonArray("partitionsToRevoke").getJsonObject(0).getJsonArray("partitions").size());
    }

    @Test
    void aSilentMemberExpiresOnceAndTheOtherGetsItsPartitions() throws Exception {
        JsonObject silent = join(first, "expiry-group");
        JsonObject alive = join(second, "expiry-group");
        int[] epoch = {alive.getInteger("memberEpoch")};
        JsonArray[] assigned = {alive.getJsonArray("assignedPartitions")};

        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonObject view = heartbeat(second, "expiry-group", new JsonObject()
                    .put("memberId", alive.getString("memberId")).put("memberEpoch", epoch[0])
                    .put("ownedPartitions", assigned[0]));
            epoch[0] = view.getInteger("memberEpoch");
            assigned[0] = view.getJsonArray("assignedPartitions");
            return assigned[0].size() == 1 && assigned[0].getJsonObject(0).getJsonArray("partitions").size() == 4;
        });
        JsonObject gone = heartbeat(first, "expiry-group", new JsonObject()
                .put("memberId", silent.getString("memberId")).put("memberEpoch", 1));
        assertEquals("UNKNOWN_MEMBER", gone.getString("error"));
    }
}
