package io.roster.coordinator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.HazelcastInstance;
import io.roster.coordinator.metadata.StaticTopicMetadataSource;
import io.roster.coordinator.runtime.CoordinatorNode;
import io.roster.coordinator.runtime.GroupSettings;
import io.roster.coordinator.runtime.NodeSettings;
import io.roster.coordinator.testing.TestHazelcast;
import io.roster.offsets.OffsetStoreConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A body over the limit. In a class (and, as the module runs each test class in its own
 * JVM, a process) of its own: the server answers before it has read the whole body and
 * closes the connection, and in a shared JVM requests of later tests were seen to fail.
 */
class BodyLimitTest {

    @Test
    void aBodyOverTheLimitGets413WithAJsonBodyAndTheNodeKeepsServing() throws Exception {
        Vertx vertx = Vertx.vertx();
        HazelcastInstance hazelcast = new TestHazelcast().member();
        try {
            CoordinatorNode node = CoordinatorNode.start(vertx, hazelcast, new StaticTopicMetadataSource().setTopic("orders", 2),
                    OffsetStoreConfig.defaults(), new NodeSettings(new GroupSettings(10_000, 30_000, 3_000, "uniform"),
                            "127.0.0.1", 0, 1024, 250), System::currentTimeMillis)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            String huge = new JsonObject().put("memberEpoch", 0).put("pad", "x".repeat(4096)).encode();
            HttpClient client = vertx.createHttpClient();

            JsonObject refused = client.request(HttpMethod.POST, node.httpPort(), "127.0.0.1", "/v1/groups/g/heartbeat")
                    .compose(request -> request.send(Buffer.buffer(huge)))
                    .compose(response -> {
                        assertEquals(413, response.statusCode());
                        return response.body();
                    }).map(Buffer::toJsonObject).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

            assertEquals("BODY_TOO_LARGE", refused.getString("error"));
            assertEquals("UP", vertx.createHttpClient().request(HttpMethod.GET, node.httpPort(), "127.0.0.1", "/health")
                    .compose(request -> request.send()).compose(response -> response.body()).map(Buffer::toJsonObject)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).getString("status"));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            hazelcast.shutdown();
        }
    }
}
