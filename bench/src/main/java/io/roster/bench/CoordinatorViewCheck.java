package io.roster.bench;

import io.roster.assignor.TopicPartitionSet;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what the simulated members hold with the coordinator's own view of the group
 * ({@code GET /v1/admin/groups/{g}}): the same members, each assigned exactly what it holds,
 * nothing pending revocation or awaited, the group {@code STABLE}. Epochs are not compared:
 * a regular heartbeat may move a member to the group's epoch between the two reads without
 * changing any partition. Runs on the members' context, while the group is quiet.
 */
final class CoordinatorViewCheck {

    private CoordinatorViewCheck() {
    }

    /** The differences; empty when the two views agree. */
    static Future<List<String>> differences(HttpClient admin, int port, SimulatedGroup group) {
        return JsonExchange.send(admin, HttpMethod.GET, port, "/v1/admin/groups/" + group.groupId(), null)
                .map(reply -> {
                    if (!reply.ok()) {
                        return List.of("describe answered " + reply.status() + " " + reply.json().encode());
                    }
                    return compare(reply.json(), group.members());
                });
    }

    private static List<String> compare(JsonObject described, List<SimulatedMember> members) {
        List<String> differences = new ArrayList<>();
        if (!"STABLE".equals(described.getString("state"))) {
            differences.add("group state " + described.getString("state"));
        }
        Map<String, JsonObject> byId = new HashMap<>();
        JsonArray list = described.getJsonArray("members");
        for (int i = 0; i < list.size(); i++) {
            byId.put(list.getJsonObject(i).getString("memberId"), list.getJsonObject(i));
        }
        if (byId.size() != members.size()) {
            differences.add(byId.size() + " members described, " + members.size() + " simulated");
        }
        for (SimulatedMember member : members) {
            JsonObject view = byId.get(member.memberId());
            if (view == null) {
                differences.add("member " + member.memberId() + " is not described");
                continue;
            }
            TopicPartitionSet assigned = PartitionsJson.read(view, "assigned");
            if (!assigned.equals(member.held())) {
                differences.add("member " + member.memberId() + " holds " + member.held() + ", assigned " + assigned);
            }
            for (String field : List.of("pendingRevocation", "awaiting")) {
                TopicPartitionSet left = PartitionsJson.read(view, field);
                if (!left.isEmpty()) {
                    differences.add("member " + member.memberId() + " " + field + " " + left);
                }
            }
        }
        return differences;
    }
}
