package io.roster.coordinator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.HazelcastInstance;
import io.roster.coordinator.metadata.StaticTopicMetadataSource;
import io.roster.coordinator.testing.Await;
import io.roster.coordinator.testing.JsonHttpClient;
import io.roster.coordinator.testing.TestHazelcast;
import io.roster.offsets.OffsetStoreConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A node with retention started removes the offsets of a group once it has had no members for the retention time. */
class OffsetRetentionTest {

    @Test
    void theOffsetsOfAGroupWithoutMembersExpireAfterTheRetentionTime() {
        Vertx vertx = Vertx.vertx();
        HazelcastInstance hazelcast = new TestHazelcast().member();
        try {
            CoordinatorNode node = Await.result(CoordinatorNode.start(vertx, hazelcast,
                    new StaticTopicMetadataSource().setTopic("orders", 2), OffsetStoreConfig.defaults().withRetentionMs(1_000),
                    new NodeSettings(new GroupSettings(10_000, 30_000, 3_000, "uniform"), "127.0.0.1", 0, 1024 * 1024, 250),
                    System::currentTimeMillis));
            node.startRetention(Duration.ofMillis(200));
            JsonHttpClient http = new JsonHttpClient(vertx);
            int port = node.httpPort();
            JsonObject member = http.post(port, "/v1/groups/retained/heartbeat", new JsonObject().put("memberEpoch", 0)
                    .put("subscribedTopics", new JsonArray().add("orders"))).json();
            assertEquals(200, http.post(port, "/v1/groups/retained/offsets/commit", new JsonObject()
                    .put("memberId", member.getString("memberId")).put("memberEpoch", member.getInteger("memberEpoch"))
                    .put("offsets", new JsonArray().add(new JsonObject().put("topic", "orders").put("partition", 0)
                            .put("offset", 5)))).status());

            // Right after the last member left, they are still there.
            assertEquals(200, http.post(port, "/v1/groups/retained/leave",
                    new JsonObject().put("memberId", member.getString("memberId"))).status());
            assertEquals(1, http.get(port, "/v1/groups/retained/offsets").json().getJsonArray("offsets").size());

            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                JsonHttpClient.Response offsets = http.get(port, "/v1/groups/retained/offsets");
                return offsets.status() == 404 || offsets.json().getJsonArray("offsets").isEmpty();
            });
            Await.result(node.stop());
        } finally {
            Await.result(vertx.close());
            hazelcast.shutdown();
        }
    }
}
