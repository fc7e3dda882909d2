package io.roster.coordinator.testing;

import io.roster.coordinator.testing.JsonHttpClient.Response;
import io.roster.offsets.PartitionId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A group member speaking the HTTP protocol from a test thread: joins, heartbeats (reporting what it owns,
 * releasing at once what it is told to), commits. Not thread-safe: one test thread per member.
 */
public final class HttpMember {

    private final JsonHttpClient http;
    private final String group;
    private final JsonArray topics;
    private volatile int port;
    private String id = "";
    private int epoch;
    private JsonArray owned = new JsonArray();

    public HttpMember(JsonHttpClient http, int port, String group, String... topics) {
        this.http = http;
        this.port = port;
        this.group = group;
        this.topics = new JsonArray();
        for (String topic : topics) {
            this.topics.add(topic);
        }
    }

    /** Talks to another node from now on (failover). */
    public void useNode(int httpPort) {
        this.port = httpPort;
    }

    public String id() {
        return id;
    }

    /** Joins if it has no id yet (or was forgotten), else heartbeats; returns the answer. */
    public Response heartbeat() {
        JsonObject body = new JsonObject().put("memberId", id).put("memberEpoch", epoch);
        if (id.isEmpty()) {
            body.put("subscribedTopics", topics);
        } else {
            body.put("ownedPartitions", owned);
        }
        Response response = http.post(port, "/v1/groups/" + group + "/heartbeat", body);
        if (response.status() == 200) {
            id = response.json().getString("memberId");
            epoch = response.json().getInteger("memberEpoch");
            owned = response.json().getJsonArray("assignedPartitions");
        } else if ("UNKNOWN_MEMBER".equals(response.error()) || "FENCED_MEMBER_EPOCH".equals(response.error())) {
            // Forgotten (e.g. a new coordinator cluster) or fenced: join again with nothing.
            id = "";
            epoch = 0;
            owned = new JsonArray();
        }
        return response;
    }

    /** Leaves the group for good; the member may join again with {@link #heartbeat()}. */
    public Response leave() {
        Response response = http.post(port, "/v1/groups/" + group + "/leave", new JsonObject().put("memberId", id));
        if (response.status() == 200) {
            id = "";
            epoch = 0;
            owned = new JsonArray();
        }
        return response;
    }

    /** The partitions of the last answer's assignment. */
    public Set<PartitionId> owned() {
        Set<PartitionId> partitions = new TreeSet<>();
        for (Object entry : owned) {
            JsonObject topic = (JsonObject) entry;
            topic.getJsonArray("partitions").forEach(p -> partitions.add(new PartitionId(topic.getString("topic"), (Integer) p)));
        }
        return partitions;
    }

    /** Commits the given offsets at the member's epoch. */
    public Response commit(Map<PartitionId, Long> offsets) {
        JsonArray list = new JsonArray();
        new TreeMap<>(offsets).forEach((partition, offset) -> list.add(new JsonObject().put("topic", partition.topic())
                .put("partition", partition.partition()).put("offset", offset)));
        return http.post(port, "/v1/groups/" + group + "/offsets/commit",
                new JsonObject().put("memberId", id).put("memberEpoch", epoch).put("offsets", list));
    }

    /** The group's committed offsets as {@code GET .../offsets} answers them; the response when it is not 200. */
    public static Map<PartitionId, Long> offsets(Response response) {
        Map<PartitionId, Long> offsets = new TreeMap<>();
        if (response.status() != 200) {
            throw new AssertionError("offsets not fetched: " + response.status() + " " + response.json().encode());
        }
        for (Object entry : response.json().getJsonArray("offsets")) {
            JsonObject offset = (JsonObject) entry;
            offsets.put(new PartitionId(offset.getString("topic"), offset.getInteger("partition")), offset.getLong("offset"));
        }
        return offsets;
    }
}
