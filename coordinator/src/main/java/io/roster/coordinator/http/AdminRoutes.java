package io.roster.coordinator.http;

import static io.roster.coordinator.http.GroupRoutes.body;
import static io.roster.coordinator.http.GroupRoutes.groupId;
import static io.roster.coordinator.http.GroupRoutes.onContext;
import static io.roster.coordinator.http.GroupRoutes.respond;
import static io.roster.coordinator.http.JsonFields.optionalBoolean;
import static io.roster.coordinator.http.JsonFields.optionalString;
import static io.roster.coordinator.http.JsonFields.optionalTopics;
import static io.roster.coordinator.http.JsonFields.partitions;
import static io.roster.coordinator.http.JsonFields.requiredInt;
import static io.roster.coordinator.http.JsonFields.requiredString;

import io.roster.assignor.AssignorRegistry;
import io.roster.assignor.TopicPartition;
import io.roster.assignor.TopicPartitionSet;
import io.roster.coordinator.group.AssignmentPreview;
import io.roster.coordinator.group.ConsumerGroup;
import io.roster.coordinator.group.GroupMember;
import io.roster.coordinator.group.MemberState;
import io.roster.coordinator.metadata.TopicMetadataSource;
import io.roster.coordinator.store.GroupStore;
import io.roster.offsets.CommittedOffset;
import io.roster.offsets.GroupOwnership;
import io.roster.offsets.OffsetStore;
import io.roster.offsets.PartitionId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API under {@code /v1/admin}: list and describe groups, reset offsets, delete a
 * group, preview an assignment. Validation first, then asynchronous Hazelcast calls; the one
 * blocking call (listing every group) runs on a worker. See docs/protocol.md, "Admin".
 */
final class AdminRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AdminRoutes.class);
    private static final AssignorRegistry ASSIGNORS = AssignorRegistry.withDefaults();
    /** A preview computes an assignment on the event loop: keep it small. */
    static final int MAX_PREVIEW_ADDED_MEMBERS = 1000;

    private final Vertx vertx;
    private final GroupStore groups;
    private final OffsetStore offsets;
    private final TopicMetadataSource metadata;
    private final OffsetResetPlanner resets;

    AdminRoutes(Vertx vertx, GroupStore groups, OffsetStore offsets, TopicMetadataSource metadata) {
        this.vertx = vertx;
        this.groups = groups;
        this.offsets = offsets;
        this.metadata = metadata;
        this.resets = new OffsetResetPlanner(metadata);
    }

    void mount(Router router) {
        router.get("/v1/admin/groups").handler(ctx -> respond(ctx, this::list));
        router.get("/v1/admin/groups/:group").handler(ctx -> respond(ctx, this::describe));
        router.delete("/v1/admin/groups/:group").handler(ctx -> respond(ctx, this::delete));
        router.post("/v1/admin/groups/:group/offsets/reset").handler(ctx -> respond(ctx, this::reset));
        router.post("/v1/admin/groups/:group/preview").handler(ctx -> respond(ctx, this::preview));
    }

    private Future<JsonObject> list(RoutingContext ctx) {
        return vertx.executeBlocking(groups::all).map(all -> {
            JsonArray list = new JsonArray();
            all.stream().sorted(Comparator.comparing(ConsumerGroup::groupId)).forEach(group -> list.add(new JsonObject()
                    .put("groupId", group.groupId()).put("state", state(group)).put("groupEpoch", group.groupEpoch())
                    .put("members", group.members().size()).put("assignor", group.assignorName())));
            return new JsonObject().put("groups", list);
        });
    }

    private Future<JsonObject> describe(RoutingContext ctx) {
        String group = groupId(ctx);
        Future<ConsumerGroup> state = onContext(ctx, groups.get(group));
        Future<Map<PartitionId, CommittedOffset>> committed = onContext(ctx, offsets.fetch(group));
        return Future.all(state, committed).compose(both -> {
            if (state.result() == null && committed.result().isEmpty()) {
                throw unknownGroup(group);
            }
            TreeSet<TopicPartition> partitions = new TreeSet<>();
            committed.result().keySet().forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            Future<Map<TopicPartition, Long>> ends = partitions.isEmpty() ? Future.succeededFuture(Map.of())
                    : metadata.logEndOffsets(partitions);
            return ends.map(Optional::of).otherwise(failure -> {
                LOG.debug("[group {}] describe without lag: {}", group, failure.toString());
                return Optional.empty();
            }).map(found -> describeJson(group, state.result(), committed.result(), found));
        });
    }

    private Future<JsonObject> reset(RoutingContext ctx) {
        String group = groupId(ctx);
        OffsetResetRequest request = OffsetResetRequest.parse(body(ctx));
        Future<ConsumerGroup> state = onContext(ctx, groups.get(group));
        Future<Map<PartitionId, CommittedOffset>> committed = onContext(ctx, offsets.fetch(group));
        Future<Optional<GroupOwnership>> ownership = onContext(ctx, offsets.ownership(group));
        return Future.all(state, committed, ownership).compose(all -> {
            // Checked here for a dry run too; a real reset is checked again, atomically, by the store.
            requireNoLiveMembers(group, state.result(), ownership.result());
            if (request.topics() == null && committed.result().isEmpty() && state.result() == null) {
                throw unknownGroup(group);
            }
            return resets.plan(request, committed.result());
        }).compose(plan -> {
            if (request.dryRun()) {
                return Future.succeededFuture(plan);
            }
            return onContext(ctx, offsets.reset(group, plan.newOffsets())).map(done -> plan);
        }).map(plan -> plan.toJson(group, request));
    }

    private Future<JsonObject> delete(RoutingContext ctx) {
        String group = groupId(ctx);
        return onContext(ctx, groups.get(group)).compose(state -> {
            requireNoLiveMembers(group, state, Optional.empty());
            // The offset store refuses, atomically, if members came meanwhile; the group entry
            // is removed only if it still has none.
            return onContext(ctx, offsets.delete(group)).compose(offsetsDeleted ->
                    onContext(ctx, groups.removeIfEmpty(group)).map(stateDeleted -> {
                        if (!offsetsDeleted && !stateDeleted) {
                            throw unknownGroup(group);
                        }
                        LOG.info("[group {}] deleted by the admin API (offsets: {}, group state: {})", group,
                                offsetsDeleted, stateDeleted);
                        return new JsonObject().put("groupId", group).put("deleted", true)
                                .put("offsetsDeleted", offsetsDeleted).put("groupStateDeleted", stateDeleted);
                    }));
        });
    }

    private Future<JsonObject> preview(RoutingContext ctx) {
        String group = groupId(ctx);
        JsonObject body = body(ctx);
        boolean adds = body.getValue("addMembers") != null;
        boolean removes = body.getValue("removeMember") != null;
        if (adds == removes) {
            throw ApiException.invalid("give exactly one of the fields 'addMembers' and 'removeMember'");
        }
        int added = adds ? requiredInt(body, "addMembers", 1) : 0;
        if (added > MAX_PREVIEW_ADDED_MEMBERS) {
            throw ApiException.invalid("field 'addMembers' must be at most " + MAX_PREVIEW_ADDED_MEMBERS + ", got " + added);
        }
        String removed = removes ? requiredString(body, "removeMember") : null;
        String assignorName = optionalString(body, "assignor");
        if (assignorName != null && !ASSIGNORS.contains(assignorName)) {
            throw ApiException.invalid("field 'assignor': unknown assignor '" + assignorName + "'; known: "
                    + ASSIGNORS.names());
        }
        return onContext(ctx, groups.get(group)).map(state -> {
            if (state == null) {
                throw new ApiException(404, "UNKNOWN_GROUP", "group " + group + " has no members to preview");
            }
            if (removed != null && state.member(removed) == null) {
                throw new ApiException(404, "UNKNOWN_MEMBER", "member " + removed + " is not in group " + group);
            }
            if (added > 0 && state.isEmpty()) {
                throw ApiException.invalid("field 'addMembers': group " + group
                        + " has no member whose subscription new members could copy");
            }
            String name = assignorName != null ? assignorName : state.assignorName();
            AssignmentPreview preview = AssignmentPreview.of(state, ASSIGNORS.get(name), metadata.current(), added, removed);
            return previewJson(group, name, added, removed, preview);
        });
    }

    /** EMPTY without members; STABLE when every member is; else RECONCILING. */
    static String state(ConsumerGroup group) {
        if (group.isEmpty()) {
            return "EMPTY";
        }
        return group.members().values().stream().allMatch(m -> m.state() == MemberState.STABLE) ? "STABLE" : "RECONCILING";
    }

    private static void requireNoLiveMembers(String group, ConsumerGroup state, Optional<GroupOwnership> ownership) {
        int live = Math.max(state == null ? 0 : state.members().size(), ownership.map(o -> o.members().size()).orElse(0));
        if (live > 0) {
            throw new ApiException(409, "GROUP_NOT_EMPTY", "group " + group + " has " + live
                    + " live member(s); stop its consumers (or wait for their sessions to expire) first");
        }
    }

    private static ApiException unknownGroup(String group) {
        return new ApiException(404, "UNKNOWN_GROUP", "group " + group + " has no members and no offsets");
    }

    private static JsonObject describeJson(String group, ConsumerGroup state, Map<PartitionId, CommittedOffset> committed,
                                           Optional<Map<TopicPartition, Long>> ends) {
        JsonArray members = new JsonArray();
        if (state != null) {
            for (GroupMember m : state.members().values()) {
                TopicPartitionSet target = state.targetOf(m.memberId());
                members.add(new JsonObject().put("memberId", m.memberId()).put("instanceId", m.instanceId())
                        .put("rack", m.rack()).put("memberEpoch", m.memberEpoch()).put("state", m.state().name())
                        .put("subscribedTopics", new JsonArray(new TreeSet<>(m.subscribedTopics()).stream().toList()))
                        .put("assigned", partitions(m.assigned()))
                        .put("pendingRevocation", partitions(m.pendingRevocation()))
                        .put("awaiting", partitions(target.minus(m.assigned()))));
            }
        }
        JsonArray offsetList = new JsonArray();
        new TreeMap<>(committed).forEach((partition, offset) -> {
            Long end = ends.map(e -> e.get(new TopicPartition(partition.topic(), partition.partition()))).orElse(null);
            offsetList.add(new JsonObject().put("topic", partition.topic()).put("partition", partition.partition())
                    .put("offset", offset.offset()).put("metadata", offset.metadata())
                    .put("commitTimeMs", offset.commitTimeMs()).put("logEndOffset", end)
                    .put("lag", end == null ? null : end - offset.offset()));
        });
        return new JsonObject().put("groupId", group)
                .put("state", state == null ? "EMPTY" : state(state))
                .put("groupEpoch", state == null ? 0 : state.groupEpoch())
                .put("targetEpoch", state == null ? 0 : state.targetEpoch())
                .put("assignor", state == null ? null : state.assignorName())
                .put("members", members).put("offsets", offsetList)
                .put("kafka", ends.isPresent() ? "available" : "unavailable");
    }

    private static JsonObject previewJson(String group, String assignor, int added, String removed,
                                          AssignmentPreview preview) {
        JsonArray members = new JsonArray();
        preview.before().forEach((id, before) -> {
            TopicPartitionSet after = preview.after().get(id);
            members.add(new JsonObject().put("memberId", id).put("new", false).put("removed", after == null)
                    .put("before", before.size()).put("after", after == null ? 0 : after.size())
                    .put("partitions", partitions(after == null ? TopicPartitionSet.empty() : after)));
        });
        for (String id : preview.newMembers()) {
            TopicPartitionSet after = preview.after().get(id);
            members.add(new JsonObject().put("memberId", id).put("new", true).put("removed", false)
                    .put("before", 0).put("after", after.size()).put("partitions", partitions(after)));
        }
        JsonArray moves = new JsonArray();
        preview.moves().forEach(move -> moves.add(new JsonObject().put("topic", move.partition().topic())
                .put("partition", move.partition().partition()).put("from", move.from()).put("to", move.to())));
        JsonObject change = removed != null ? new JsonObject().put("removeMember", removed)
                : new JsonObject().put("addMembers", added);
        return new JsonObject().put("groupId", group).put("assignor", assignor).put("change", change)
                .put("members", members).put("balanceBefore", preview.balanceBefore())
                .put("balance", preview.balance()).put("moves", moves);
    }
}
