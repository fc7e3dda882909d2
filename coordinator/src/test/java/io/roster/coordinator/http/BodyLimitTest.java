package io.roster.coordinator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.HazelcastInstance;
import io.roster.coordinator.metadata.StaticTopicMetadataSource;
import io.roster.coordinator.runtime.CoordinatorNode;
import io.roster.coordinator.runtime.GroupSettings;
import io.roster.coordinator.runtime.NodeSettings;
import io.roster.coordinator.testing.JsonHttpClient;
import io.roster.coordinator.testing.JsonHttpClient.Response;
import io.roster.coordinator.testing.TestHazelcast;
import io.roster.offsets.OffsetStoreConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A body over the limit: the server answers before it has read the whole body, closes that
 * connection, and goes on serving new ones. Its own node, with a 1 KiB limit.
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
            JsonHttpClient client = new JsonHttpClient(vertx);

            Response refused = client.call(HttpMethod.POST, node.httpPort(), "/v1/groups/g/heartbeat", huge);

            assertEquals(413, refused.status());
            assertEquals("BODY_TOO_LARGE", refused.error());
            assertEquals("UP", client.get(node.httpPort(), "/health").json().getString("status"));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            hazelcast.shutdown();
        }
    }
}
