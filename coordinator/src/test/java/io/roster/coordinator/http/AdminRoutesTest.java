package io.roster.coordinator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.assignor.TopicPartition;
import io.roster.coordinator.metadata.StaticTopicMetadataSource;
import io.roster.coordinator.testing.HttpNode;
import io.roster.coordinator.testing.JsonHttpClient.Response;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API over real HTTP, on a real Hazelcast member; topics and offsets from a fake source. */
class AdminRoutesTest {

    private static StaticTopicMetadataSource topics;
    private static HttpNode node;

    @BeforeAll
    static void start() throws Exception {
        topics = new StaticTopicMetadataSource().setTopic("orders", 4).setTopic("audit", 2);
        node = HttpNode.start(topics);
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static void leave(String group, JsonObject member) throws Exception {
        Response left = node.post("/v1/groups/" + group + "/leave", new JsonObject().put("memberId", member.getString("memberId")));
        assertEquals(200, left.status(), left.json().encode());
    }

    /** Commits orders-0.. at the given offsets as a member that owns them all. */
    private static void commit(String group, JsonObject member, long... offsets) throws Exception {
        JsonArray list = new JsonArray();
        for (int p = 0; p < offsets.length; p++) {
            list.add(new JsonObject().put("topic", "orders").put("partition", p).put("offset", offsets[p]));
        }
        Response commit = node.post("/v1/groups/" + group + "/offsets/commit", new JsonObject()
                .put("memberId", member.getString("memberId")).put("memberEpoch", member.getInteger("memberEpoch"))
                .put("offsets", list));
        assertEquals(200, commit.status(), commit.json().encode());
    }

    /** A group whose only member committed orders-0..3 and left. */
    private static void emptyGroupWithOffsets(String group, long... offsets) throws Exception {
        JsonObject member = node.join(group, "orders");
        commit(group, member, offsets);
        leave(group, member);
    }

    /** Committed offsets of orders-0.. from the protocol's fetch, -1 where none. */
    private static List<Long> committed(String group) throws Exception {
        Response fetched = node.get("/v1/groups/" + group + "/offsets");
        Map<Integer, Long> byPartition = new HashMap<>();
        for (Object o : fetched.json().getJsonArray("offsets", new JsonArray())) {
            JsonObject entry = (JsonObject) o;
            if (entry.getString("topic").equals("orders")) {
                byPartition.put(entry.getInteger("partition"), entry.getLong("offset"));
            }
        }
        List<Long> result = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            result.add(byPartition.getOrDefault(p, -1L));
        }
        return result;
    }

    private static List<Long> newOffsets(Response reset) {
        assertEquals(200, reset.status(), reset.json().encode());
        List<Long> result = new ArrayList<>();
        for (Object o : reset.json().getJsonArray("offsets")) {
            result.add(((JsonObject) o).getLong("newOffset"));
        }
        return result;
    }

    private static Response reset(String group, JsonObject body) throws Exception {
        return node.post("/v1/admin/groups/" + group + "/offsets/reset", body);
    }

    private static JsonObject group(Response list, String groupId) {
        for (Object o : list.json().getJsonArray("groups")) {
            if (((JsonObject) o).getString("groupId").equals(groupId)) {
                return (JsonObject) o;
            }
        }
        return null;
    }

    private static void assertInvalid(Response response, String named) {
        assertEquals(400, response.status(), response.json().encode());
        assertEquals("INVALID_REQUEST", response.error(), response.status() + " " + response.json().encode());
        assertTrue(response.message().contains(named), "'" + named + "' in " + response.message());
    }

    private static TopicPartition orders(int partition) {
        return new TopicPartition("orders", partition);
    }

    @Test
    void listAndDescribeAfterJoinsAndCommits() throws Exception {
        JsonObject first = node.join("adm-describe", "orders");
        commit("adm-describe", first, 10, 20);
        topics.setLogEndOffset(orders(0), 100).setLogEndOffset(orders(1), 20);

        JsonObject stable = group(node.get("/v1/admin/groups"), "adm-describe");
        assertEquals(new JsonObject().put("groupId", "adm-describe").put("state", "STABLE").put("groupEpoch", 1)
                .put("members", 1).put("assignor", "uniform"), stable);

        JsonObject second = node.join("adm-describe", "orders");
        // The first member learns, in its own heartbeat, what it must release.
        Response told = node.post("/v1/groups/adm-describe/heartbeat", new JsonObject()
                .put("memberId", first.getString("memberId")).put("memberEpoch", 1)
                .put("ownedPartitions", first.getJsonArray("assignedPartitions")));
        assertEquals(200, told.status(), told.json().encode());
        JsonObject reconciling = group(node.get("/v1/admin/groups"), "adm-describe");
        assertEquals("RECONCILING", reconciling.getString("state"));
        assertEquals(2, reconciling.getInteger("members"));
        assertEquals(2, reconciling.getInteger("groupEpoch"));

        Response described = node.get("/v1/admin/groups/adm-describe");
        assertEquals(200, described.status(), described.json().encode());
        JsonObject json = described.json();
        assertEquals(2, json.getInteger("groupEpoch"));
        assertEquals(2, json.getInteger("targetEpoch"));
        assertEquals("uniform", json.getString("assignor"));
        assertEquals("available", json.getString("kafka"));
        JsonObject a = json.getJsonArray("members").getJsonObject(0);
        JsonObject b = json.getJsonArray("members").getJsonObject(1);
        assertEquals(first.getString("memberId"), a.getString("memberId"), "join order");
        assertEquals(second.getString("memberId"), b.getString("memberId"));
        assertEquals(1, a.getInteger("memberEpoch"));
        assertNull(a.getString("instanceId"));
        assertEquals(new JsonArray().add("orders"), a.getJsonArray("subscribedTopics"));
        assertEquals(2, a.getJsonArray("assigned").getJsonObject(0).getJsonArray("partitions").size());
        assertEquals(2, a.getJsonArray("pendingRevocation").getJsonObject(0).getJsonArray("partitions").size());
        assertEquals(new JsonArray(), a.getJsonArray("awaiting"));
        assertEquals(new JsonArray(), b.getJsonArray("assigned"));
        assertEquals(2, b.getJsonArray("awaiting").getJsonObject(0).getJsonArray("partitions").size());
        assertEquals("UNRELEASED_PARTITIONS", b.getString("state"));

        JsonArray offsets = json.getJsonArray("offsets");
        assertEquals(2, offsets.size());
        assertEquals(new JsonObject().put("topic", "orders").put("partition", 0).put("offset", 10).put("metadata", null)
                .put("commitTimeMs", offsets.getJsonObject(0).getLong("commitTimeMs")).put("logEndOffset", 100)
                .put("lag", 90), offsets.getJsonObject(0));
        assertEquals(0, offsets.getJsonObject(1).getLong("lag"));
    }

    @Test
    void describeWithoutKafkaHasNoLag() throws Exception {
        JsonObject member = node.join("adm-no-kafka", "orders");
        commit("adm-no-kafka", member, 5);
        topics.unavailable(new RuntimeException("broker down"));
        try {
            Response described = node.get("/v1/admin/groups/adm-no-kafka");

            assertEquals(200, described.status(), described.json().encode());
            assertEquals("unavailable", described.json().getString("kafka"));
            JsonObject offset = described.json().getJsonArray("offsets").getJsonObject(0);
            assertEquals(5, offset.getLong("offset"));
            assertTrue(offset.containsKey("lag") && offset.getValue("lag") == null, offset.encode());
            assertNull(offset.getValue("logEndOffset"));
        } finally {
            topics.unavailable(null);
        }
    }

    @Test
    void anUnknownGroupIs404() throws Exception {
        Response described = node.get("/v1/admin/groups/adm-nobody");
        assertEquals(404, described.status());
        assertEquals("UNKNOWN_GROUP", described.error());
        assertEquals(404, node.call(HttpMethod.DELETE, "/v1/admin/groups/adm-nobody", null).status());
        assertEquals("UNKNOWN_GROUP", node.post("/v1/admin/groups/adm-nobody/preview",
                new JsonObject().put("addMembers", 1)).error());
        assertEquals("UNKNOWN_GROUP", reset("adm-nobody", new JsonObject().put("mode", "to-latest")).error());
    }

    @Test
    void everyResetModeOnAnEmptyGroup() throws Exception {
        String g = "adm-reset";
        topics.setLogStartOffset(orders(0), 5)
                .setLogEndOffset(orders(0), 100).setLogEndOffset(orders(1), 50)
                .setLogEndOffset(orders(2), 30).setLogEndOffset(orders(3), 40)
                .setRecordTimestamp(orders(0), 60, Instant.parse("2025-01-01T00:00:00Z").toEpochMilli())
                .setRecordTimestamp(orders(0), 80, Instant.parse("2025-02-01T00:00:00Z").toEpochMilli());
        emptyGroupWithOffsets(g, 10, 20, 30, 40);

        Response dry = reset(g, new JsonObject().put("mode", "to-earliest").put("dryRun", true));
        assertEquals(List.of(5L, 0L, 0L, 0L), newOffsets(dry));
        assertEquals(10, dry.json().getJsonArray("offsets").getJsonObject(0).getLong("previousOffset"));
        assertEquals(false, dry.json().getBoolean("applied"));
        assertEquals(List.of(10L, 20L, 30L, 40L), committed(g), "a dry run changes nothing");

        assertEquals(List.of(5L, 0L, 0L, 0L), newOffsets(reset(g, new JsonObject().put("mode", "to-earliest"))));
        assertEquals(List.of(5L, 0L, 0L, 0L), committed(g));

        assertEquals(List.of(100L, 50L, 30L, 40L), newOffsets(reset(g, new JsonObject().put("mode", "to-latest"))));
        assertEquals(List.of(100L, 50L, 30L, 40L), committed(g));

        assertEquals(List.of(7L, 7L, 7L, 7L), newOffsets(reset(g, new JsonObject().put("mode", "to-offset")
                .put("offset", 7).put("topics", new JsonArray().add("orders")))));
        assertEquals(List.of(7L, 7L, 7L, 7L), committed(g));

        // Clamped to the log: orders-0 starts at 5, the others at 0.
        assertEquals(List.of(5L, 0L, 0L, 0L), newOffsets(reset(g, new JsonObject().put("mode", "shift-by")
                .put("shift", -10))));
        Response up = reset(g, new JsonObject().put("mode", "shift-by").put("shift", 1000).put("dryRun", true));
        assertEquals(List.of(100L, 50L, 30L, 40L), newOffsets(up));
        assertEquals("available", up.json().getString("kafka"));
        assertEquals(List.of(5L, 0L, 0L, 0L), committed(g));

        // The first record at or after the time; the log end where there is none.
        assertEquals(List.of(60L, 50L, 30L, 40L), newOffsets(reset(g, new JsonObject().put("mode", "to-datetime")
                .put("datetime", "2024-12-31T23:00:00Z"))));
        assertEquals(List.of(80L, 50L, 30L, 40L), newOffsets(reset(g, new JsonObject().put("mode", "to-datetime")
                .put("datetime", "2025-01-31T01:00:00+01:00"))));
        assertEquals(List.of(80L, 50L, 30L, 40L), committed(g));
    }

    @Test
    void withoutKafkaShiftIsNotClampedAndKafkaModesAre503() throws Exception {
        String g = "adm-reset-offline";
        emptyGroupWithOffsets(g, 10, 20);
        topics.unavailable(new RuntimeException("broker down"));
        try {
            Response shifted = reset(g, new JsonObject().put("mode", "shift-by").put("shift", 5));
            assertEquals(List.of(15L, 25L), newOffsets(shifted));
            assertEquals("unavailable", shifted.json().getString("kafka"));

            assertInvalid(reset(g, new JsonObject().put("mode", "shift-by").put("shift", -16)), "orders-0");
            Response earliest = reset(g, new JsonObject().put("mode", "to-earliest"));
            assertEquals(503, earliest.status());
            assertEquals("KAFKA_UNAVAILABLE", earliest.error());
            assertEquals(List.of(15L, 25L, -1L, -1L), committed(g));
        } finally {
            topics.unavailable(null);
        }
    }

    @Test
    void resetAndDeleteRefuseAGroupWithLiveMembers() throws Exception {
        String g = "adm-live";
        JsonObject member = node.join(g, "orders");
        commit(g, member, 10, 20);

        Response reset = reset(g, new JsonObject().put("mode", "to-offset").put("offset", 0));
        Response dry = reset(g, new JsonObject().put("mode", "to-offset").put("offset", 0).put("dryRun", true));
        Response delete = node.call(HttpMethod.DELETE, "/v1/admin/groups/" + g, null);

        for (Response refused : List.of(reset, dry, delete)) {
            assertEquals(409, refused.status(), refused.json().encode());
            assertEquals("GROUP_NOT_EMPTY", refused.error());
            assertTrue(refused.message().contains(g) && refused.message().contains("1 live member"), refused.message());
        }
        assertEquals(List.of(10L, 20L, -1L, -1L), committed(g), "nothing changed");
        assertEquals(1, group(node.get("/v1/admin/groups"), g).getInteger("members"));
    }

    @Test
    void deleteAnEmptyGroup() throws Exception {
        String g = "adm-delete";
        emptyGroupWithOffsets(g, 10);
        assertEquals("EMPTY", group(node.get("/v1/admin/groups"), g).getString("state"));

        Response deleted = node.call(HttpMethod.DELETE, "/v1/admin/groups/" + g, null);

        assertEquals(200, deleted.status(), deleted.json().encode());
        assertEquals(new JsonObject().put("groupId", g).put("deleted", true).put("offsetsDeleted", true)
                .put("groupStateDeleted", true), deleted.json());
        assertEquals(404, node.get("/v1/admin/groups/" + g).status());
        assertEquals(404, node.get("/v1/groups/" + g + "/offsets").status());
        assertNull(group(node.get("/v1/admin/groups"), g));
        assertEquals(404, node.call(HttpMethod.DELETE, "/v1/admin/groups/" + g, null).status(), "deleting twice");
    }

    @Test
    void previewJoinsAndLeaves() throws Exception {
        String g = "adm-preview";
        JsonObject first = node.join(g, "orders");
        JsonObject second = node.join(g, "orders");
        String a = first.getString("memberId");

        Response grow = node.post("/v1/admin/groups/" + g + "/preview", new JsonObject().put("addMembers", 2));
        assertEquals(200, grow.status(), grow.json().encode());
        JsonArray members = grow.json().getJsonArray("members");
        assertEquals(4, members.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(1, members.getJsonObject(i).getInteger("after"), members.encode());
            assertEquals(i >= 2, members.getJsonObject(i).getBoolean("new"));
        }
        assertEquals(2, members.getJsonObject(0).getInteger("before"));
        assertEquals(0, grow.json().getInteger("balance"));
        JsonArray moves = grow.json().getJsonArray("moves");
        assertEquals(2, moves.size(), "each old member gives up one partition, nothing else moves");
        for (Object o : moves) {
            assertTrue(((JsonObject) o).getString("to").startsWith("preview-member-"), moves.encode());
        }

        Response shrink = node.post("/v1/admin/groups/" + g + "/preview", new JsonObject().put("removeMember", a)
                .put("assignor", "range"));
        assertEquals(200, shrink.status(), shrink.json().encode());
        assertEquals("range", shrink.json().getString("assignor"));
        JsonObject removed = shrink.json().getJsonArray("members").getJsonObject(0);
        assertTrue(removed.getBoolean("removed"));
        assertEquals(4, shrink.json().getJsonArray("members").getJsonObject(1).getInteger("after"));
        assertEquals(2, shrink.json().getJsonArray("moves").size());
        for (Object o : shrink.json().getJsonArray("moves")) {
            assertEquals(a, ((JsonObject) o).getString("from"));
            assertEquals(second.getString("memberId"), ((JsonObject) o).getString("to"));
        }
        assertEquals(2, group(node.get("/v1/admin/groups"), g).getInteger("members"), "a preview changes nothing");

        Response ghost = node.post("/v1/admin/groups/" + g + "/preview", new JsonObject().put("removeMember", "ghost"));
        assertEquals(404, ghost.status());
        assertEquals("UNKNOWN_MEMBER", ghost.error());
        assertInvalid(node.post("/v1/admin/groups/" + g + "/preview", new JsonObject().put("addMembers", 0)), "addMembers");
        assertInvalid(node.post("/v1/admin/groups/" + g + "/preview", new JsonObject().put("addMembers", "two")), "addMembers");
        assertInvalid(node.post("/v1/admin/groups/" + g + "/preview", new JsonObject().put("addMembers", 1)
                .put("removeMember", a)), "removeMember");
        assertInvalid(node.post("/v1/admin/groups/" + g + "/preview", new JsonObject()), "addMembers");
        assertInvalid(node.post("/v1/admin/groups/" + g + "/preview", new JsonObject().put("addMembers", 1)
                .put("assignor", "sticky")), "assignor");
    }

    @Test
    void badResetsGet400NamingTheProblemAndChangeNothing() throws Exception {
        String g = "adm-bad-reset";
        emptyGroupWithOffsets(g, 10, 20);

        assertInvalid(reset(g, new JsonObject()), "mode");
        assertInvalid(reset(g, new JsonObject().put("mode", "to-somewhere")), "mode");
        assertInvalid(reset(g, new JsonObject().put("mode", "to-offset")), "offset");
        assertInvalid(reset(g, new JsonObject().put("mode", "to-offset").put("offset", -1)), "offset");
        assertInvalid(reset(g, new JsonObject().put("mode", "to-offset").put("offset", "7")), "offset");
        assertInvalid(reset(g, new JsonObject().put("mode", "to-latest").put("offset", 7)), "offset");
        assertInvalid(reset(g, new JsonObject().put("mode", "to-datetime").put("datetime", "yesterday")), "datetime");
        assertInvalid(reset(g, new JsonObject().put("mode", "to-datetime").put("datetime", "1969-12-31T00:00:00Z")),
                "datetime");
        assertInvalid(reset(g, new JsonObject().put("mode", "shift-by").put("shift", 1.5)), "shift");
        assertInvalid(reset(g, new JsonObject().put("mode", "shift-by").put("shift", 1)
                .put("topics", new JsonArray().add("audit"))), "audit-0");
        assertInvalid(reset(g, new JsonObject().put("mode", "to-latest").put("topics", new JsonArray().add("nope"))),
                "nope");
        assertInvalid(reset(g, new JsonObject().put("mode", "to-latest").put("topics", new JsonArray())), "topics");
        assertInvalid(reset(g, new JsonObject().put("mode", "to-latest").put("dryRun", "yes")), "dryRun");
        assertInvalid(node.call(HttpMethod.POST, "/v1/admin/groups/" + g + "/offsets/reset", "{not json"), "JSON");

        assertEquals(List.of(10L, 20L, -1L, -1L), committed(g), "nothing changed");
    }
}
