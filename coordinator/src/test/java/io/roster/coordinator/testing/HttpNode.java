package io.roster.coordinator.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.HazelcastInstance;
import io.roster.coordinator.metadata.StaticTopicMetadataSource;
import io.roster.coordinator.runtime.CoordinatorNode;
import io.roster.coordinator.runtime.GroupSettings;
import io.roster.coordinator.runtime.NodeSettings;
import io.roster.coordinator.testing.JsonHttpClient.Response;
import io.roster.offsets.OffsetStoreConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One coordinator node on a real Hazelcast member, with its topics from a fake source, and
 * a JSON-over-HTTP client for it: what the HTTP tests share.
 */
public final class HttpNode implements AutoCloseable {

    private final Vertx vertx;
    private final HazelcastInstance hazelcast;
    private final CoordinatorNode node;
    private final JsonHttpClient client;

    private HttpNode(Vertx vertx, HazelcastInstance hazelcast, CoordinatorNode node) {
        this.vertx = vertx;
        this.hazelcast = hazelcast;
        this.node = node;
        this.client = new JsonHttpClient(vertx);
    }

    /** Session 10 s, rebalance timeout 30 s, heartbeat interval 3 s, uniform, bodies up to 1 MiB. */
    public static HttpNode start(StaticTopicMetadataSource topics) throws Exception {
        Vertx vertx = Vertx.vertx();
        HazelcastInstance hazelcast = new TestHazelcast().member();
        NodeSettings settings = new NodeSettings(new GroupSettings(10_000, 30_000, 3_000, "uniform"), "127.0.0.1", 0,
                1024 * 1024, 250);
        CoordinatorNode node = CoordinatorNode.start(vertx, hazelcast, topics, OffsetStoreConfig.defaults(), settings,
                System::currentTimeMillis).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return new HttpNode(vertx, hazelcast, node);
    }

    public Response call(HttpMethod method, String path, String body) {
        return client.call(method, node.httpPort(), path, body);
    }

    public Response get(String path) {
        return call(HttpMethod.GET, path, null);
    }

    public Response post(String path, JsonObject body) {
        return call(HttpMethod.POST, path, body.encode());
    }

    /** A new member of {@code group}, subscribed to {@code topics}: its first answer. */
    public JsonObject join(String group, String... topics) throws Exception {
        Response response = post("/v1/groups/" + group + "/heartbeat", new JsonObject().put("memberEpoch", 0)
                .put("subscribedTopics", new JsonArray(List.of((Object[]) topics))));
        assertEquals(200, response.status(), response.json().encode());
        return response.json();
    }

    @Override
    public void close() throws Exception {
        node.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        hazelcast.shutdown();
    }
}
