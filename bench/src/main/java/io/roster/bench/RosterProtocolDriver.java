package io.roster.bench;

import io.roster.assignor.TopicPartition;
import io.roster.client.RosterConsumerConfig;
import io.vertx.core.Context;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Roster: {@link RosterGroupConsumer}s against one coordinator node, and the node's admin view
 * of the group ({@code GET /v1/admin/groups/{g}}), asked on the harness's own Vert.x context.
 */
final class RosterProtocolDriver implements ProtocolDriver {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrapServers;
    private final String topic;
    private final int coordinatorPort;
    private final Context adminContext;
    private final HttpClient admin;

    /** {@code admin} is used on {@code adminContext} only. */
    RosterProtocolDriver(String bootstrapServers, String topic, int coordinatorPort, Context adminContext,
                         HttpClient admin) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.coordinatorPort = coordinatorPort;
        this.adminContext = adminContext;
        this.admin = admin;
    }

    @Override
    public RebalanceContender contender() {
        return RebalanceContender.ROSTER;
    }

    @Override
    public void prepare(String groupId) {
        // a Roster group needs nothing before its first member
    }

    @Override
    public GroupConsumer consumer(int id, String groupId, boolean victim, ProcessingLedger.Recorder recorder) {
        RosterConsumerConfig config = RosterConsumerConfig.builder()
                .coordinators(JsonExchange.LOOPBACK + ":" + coordinatorPort)
                .groupId(groupId)
                .topics(topic)
                .kafkaProperty("bootstrap.servers", bootstrapServers)
                .kafkaProperty("client.id", "bench-" + id)
                .offsetReset(RosterConsumerConfig.OffsetReset.LATEST)
                .build();
        return new RosterGroupConsumer(id, config, recorder);
    }

    @Override
    public List<String> disagreements(String groupId, Map<String, Set<Integer>> ownedByMember) {
        JsonObject group = describe(groupId);
        List<String> differences = new ArrayList<>();
        if (!"STABLE".equals(group.getString("state"))) {
            differences.add("group state " + group.getString("state"));
        }
        Map<String, JsonObject> members = members(group);
        if (!members.keySet().equals(ownedByMember.keySet())) {
            differences.add("members " + members.keySet() + ", consumers " + ownedByMember.keySet());
            return differences;
        }
        ownedByMember.forEach((memberId, owned) -> {
            JsonObject member = members.get(memberId);
            Set<Integer> assigned = partitions(member, "assigned");
            if (!assigned.equals(owned)) {
                differences.add("member " + memberId + " assigned " + assigned + ", owns " + owned);
            }
            for (String field : List.of("pendingRevocation", "awaiting")) {
                Set<Integer> left = partitions(member, field);
                if (!left.isEmpty()) {
                    differences.add("member " + memberId + " " + field + " " + left);
                }
            }
        });
        return differences;
    }

    @Override
    public Set<String> listedMembers(String groupId) {
        return new HashSet<>(members(describe(groupId)).keySet());
    }

    private JsonObject describe(String groupId) {
        JsonExchange.Reply reply = ContextAwait.call(adminContext, () -> JsonExchange.send(admin, HttpMethod.GET,
                coordinatorPort, "/v1/admin/groups/" + groupId, null), CALL_TIMEOUT, "describing group " + groupId);
        if (!reply.ok()) {
            throw new BenchmarkFailure("describing group " + groupId + " answered " + reply.status() + " "
                    + reply.json().encode());
        }
        return reply.json();
    }

    private static Map<String, JsonObject> members(JsonObject group) {
        Map<String, JsonObject> members = new HashMap<>();
        JsonArray list = group.getJsonArray("members", new JsonArray());
        for (int i = 0; i < list.size(); i++) {
            members.put(list.getJsonObject(i).getString("memberId"), list.getJsonObject(i));
        }
        return members;
    }

    private static Set<Integer> partitions(JsonObject member, String field) {
        return PartitionsJson.read(member, field).stream().map(TopicPartition::partition).collect(Collectors.toSet());
    }
}
