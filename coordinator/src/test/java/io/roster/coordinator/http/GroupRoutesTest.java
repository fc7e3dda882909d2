package io.roster.coordinator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.coordinator.metadata.StaticTopicMetadataSource;
import io.roster.coordinator.testing.HttpNode;
import io.roster.coordinator.testing.JsonHttpClient.Response;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The group protocol over real HTTP, on a real Hazelcast member; topics from a fake source. */
class GroupRoutesTest {

    private static HttpNode node;

    @BeforeAll
    static void start() throws Exception {
        node = HttpNode.start(new StaticTopicMetadataSource().setTopic("orders", 4).setTopic("audit", 2));
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static JsonObject commitBody(JsonObject member, String topic, int partition, long offset) {
        return new JsonObject().put("memberId", member.getString("memberId"))
                .put("memberEpoch", member.getInteger("memberEpoch"))
                .put("offsets", new JsonArray().add(new JsonObject().put("topic", topic).put("partition", partition)
                        .put("offset", offset)));
    }

    private static long committed(String group, String topic, int partition) throws Exception {
        Response offsets = node.call(HttpMethod.GET, "/v1/groups/" + group + "/offsets", null);
        for (Object entry : offsets.json().getJsonArray("offsets")) {
            JsonObject o = (JsonObject) entry;
            if (o.getString("topic").equals(topic) && o.getInteger("partition") == partition) {
                return o.getLong("offset");
            }
        }
        return -1;
    }

    @Test
    void aJoinGetsAnIdAnEpochAndEveryPartition() throws Exception {
        JsonObject view = node.join("http-join", "orders", "audit");

        assertTrue(!view.getString("memberId").isEmpty());
        assertEquals(1, view.getInteger("memberEpoch"));
        assertEquals(3_000, view.getLong("heartbeatIntervalMs"));
        assertEquals(10_000, view.getLong("sessionTimeoutMs"));
        assertEquals(new JsonArray().add(new JsonObject().put("topic", "audit").put("partitions", new JsonArray().add(0).add(1)))
                .add(new JsonObject().put("topic", "orders").put("partitions", new JsonArray().add(0).add(1).add(2).add(3))),
                view.getJsonArray("assignedPartitions"));
    }

    @Test
    void aSecondMemberWaitsUntilTheFirstReleases() throws Exception {
        JsonObject first = node.join("http-two", "orders");
        JsonObject second = node.join("http-two", "orders");
        assertEquals(2, second.getJsonArray("pendingPartitions").getJsonObject(0).getJsonArray("partitions").size());

        Response owner = node.post("/v1/groups/http-two/heartbeat", new JsonObject()
                .put("memberId", first.getString("memberId")).put("memberEpoch", 1));
        JsonArray revoke = owner.json().getJsonArray("partitionsToRevoke");
        assertEquals(2, revoke.getJsonObject(0).getJsonArray("partitions").size());

        Response released = node.post("/v1/groups/http-two/heartbeat", new JsonObject()
                .put("memberId", first.getString("memberId")).put("memberEpoch", 1)
                .put("ownedPartitions", owner.json().getJsonArray("assignedPartitions")));
        assertEquals(2, released.json().getInteger("memberEpoch"));
        Response newOwner = node.post("/v1/groups/http-two/heartbeat", new JsonObject()
                .put("memberId", second.getString("memberId")).put("memberEpoch", 2));
        assertEquals(2, newOwner.json().getJsonArray("assignedPartitions").getJsonObject(0)
                .getJsonArray("partitions").size());
    }

    @Test
    void anOwnerCommitsAndFetchesItsOffsets() throws Exception {
        JsonObject member = node.join("http-commit", "orders");

        Response commit = node.post("/v1/groups/http-commit/offsets/commit", commitBody(member, "orders", 1, 42));

        assertEquals(200, commit.status(), commit.json().encode());
        assertEquals("OK", commit.json().getJsonArray("results").getJsonObject(0).getString("result"));
        assertEquals(42, committed("http-commit", "orders", 1));
    }

    @Test
    void badCommitsGetA4xxAndChangeNothing() throws Exception {
        JsonObject member = node.join("http-bad", "orders");
        node.post("/v1/groups/http-bad/offsets/commit", commitBody(member, "orders", 0, 10));

        Response stale = node.post("/v1/groups/http-bad/offsets/commit", commitBody(member, "orders", 0, 99)
                .put("memberEpoch", 7));
        Response unknown = node.post("/v1/groups/http-bad/offsets/commit", commitBody(member, "orders", 0, 99)
                .put("memberId", "ghost"));
        Response negative = node.post("/v1/groups/http-bad/offsets/commit", commitBody(member, "orders", 0, -5));
        Response missing = node.post("/v1/groups/http-bad/offsets/commit", commitBody(member, "orders", 9, 99));
        Response noEpoch = node.post("/v1/groups/http-bad/offsets/commit", new JsonObject()
                .put("memberId", member.getString("memberId")).put("offsets", new JsonArray()));

        assertEquals(409, stale.status());
        assertEquals("FENCED_MEMBER_EPOCH", stale.error());
        assertEquals(404, unknown.status());
        assertEquals("UNKNOWN_MEMBER", unknown.error());
        assertEquals(400, negative.status());
        assertTrue(negative.json().getString("message").contains("orders-0"), negative.json().encode());
        assertEquals(400, missing.status());
        assertTrue(missing.json().getString("message").contains("orders-9"), missing.json().encode());
        assertEquals(400, noEpoch.status());
        assertTrue(noEpoch.json().getString("message").contains("memberEpoch"), noEpoch.json().encode());
        assertEquals(10, committed("http-bad", "orders", 0), "nothing changed");
    }

    @Test
    void malformedHeartbeatsGet400NamingTheProblem() throws Exception {
        Response notJson = node.call(HttpMethod.POST, "/v1/groups/http-malformed/heartbeat", "{not json");
        Response wrongType = node.post("/v1/groups/http-malformed/heartbeat", new JsonObject().put("memberEpoch", "one"));
        Response badTopics = node.post("/v1/groups/http-malformed/heartbeat", new JsonObject().put("memberEpoch", 0)
                .put("subscribedTopics", new JsonArray().add(3)));
        Response noTopics = node.post("/v1/groups/http-malformed/heartbeat", new JsonObject().put("memberEpoch", 0));

        assertEquals(400, notJson.status());
        assertEquals("INVALID_REQUEST", notJson.error(), notJson.json().encode());
        assertEquals(400, wrongType.status());
        assertTrue(wrongType.json().getString("message").contains("memberEpoch"));
        assertEquals(400, badTopics.status());
        assertTrue(badTopics.json().getString("message").contains("subscribedTopics[0]"));
        assertEquals(400, noTopics.status());
        assertEquals(404, node.call(HttpMethod.GET, "/v1/groups/http-malformed/offsets", null).status(),
                "nothing was created");
    }

    @Test
    void unknownMembersAndStaleEpochsAreRefused() throws Exception {
        JsonObject member = node.join("http-fence", "orders");

        Response unknown = node.post("/v1/groups/http-fence/heartbeat", new JsonObject().put("memberId", "ghost")
                .put("memberEpoch", 1));
        Response stale = node.post("/v1/groups/http-fence/heartbeat", new JsonObject()
                .put("memberId", member.getString("memberId")).put("memberEpoch", 5));

        assertEquals(404, unknown.status());
        assertEquals("UNKNOWN_MEMBER", unknown.error());
        assertEquals(409, stale.status());
        assertEquals("FENCED_MEMBER_EPOCH", stale.error());
    }

    @Test
    void aLeaverIsGoneAndItsPartitionsMoveOn() throws Exception {
        JsonObject first = node.join("http-leave", "orders");
        JsonObject second = node.join("http-leave", "orders");

        Response left = node.post("/v1/groups/http-leave/leave", new JsonObject().put("memberId", first.getString("memberId")));
        // Its epoch moved on with the leave; the previous one is accepted with what it owns.
        Response after = node.post("/v1/groups/http-leave/heartbeat", new JsonObject()
                .put("memberId", second.getString("memberId")).put("memberEpoch", second.getInteger("memberEpoch"))
                .put("ownedPartitions", new JsonArray()));

        assertEquals(200, left.status(), left.json().encode());
        assertEquals(4, after.json().getJsonArray("assignedPartitions").getJsonObject(0).getJsonArray("partitions").size());
        assertEquals(404, node.post("/v1/groups/http-leave/leave", new JsonObject()
                .put("memberId", first.getString("memberId"))).status(), "leaving twice");
    }

    @Test
    void healthReadinessAndUnknownPaths() throws Exception {
        Response health = node.call(HttpMethod.GET, "/health", null);
        assertEquals("UP", health.json().getString("status"), health.status() + " " + health.json().encode());
        assertEquals(200, node.call(HttpMethod.GET, "/ready", null).status());
        Response nowhere = node.call(HttpMethod.GET, "/v1/nowhere", null);
        assertEquals(404, nowhere.status());
        assertEquals("NOT_FOUND", nowhere.error());
    }
}
