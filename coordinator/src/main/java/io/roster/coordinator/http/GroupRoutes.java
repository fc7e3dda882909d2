package io.roster.coordinator.http;

import static io.roster.coordinator.http.JsonFields.optionalBoolean;
import static io.roster.coordinator.http.JsonFields.optionalPartitions;
import static io.roster.coordinator.http.JsonFields.optionalString;
import static io.roster.coordinator.http.JsonFields.optionalTopics;
import static io.roster.coordinator.http.JsonFields.partitions;
import static io.roster.coordinator.http.JsonFields.requiredInt;
import static io.roster.coordinator.http.JsonFields.requiredLong;
import static io.roster.coordinator.http.JsonFields.requiredString;

import io.roster.assignor.TopicMetadata;
import io.roster.coordinator.group.Heartbeat;
import io.roster.coordinator.group.MemberView;
import io.roster.coordinator.metadata.TopicMetadataSource;
import io.roster.coordinator.store.GroupEvent;
import io.roster.coordinator.runtime.GroupEventService;
import io.roster.coordinator.runtime.GroupSettings;
import io.roster.coordinator.runtime.PushChannel;
import io.roster.coordinator.store.GroupStore;
import io.roster.offsets.CommitResult;
import io.roster.offsets.CommittedOffset;
import io.roster.offsets.OffsetCommit;
import io.roster.offsets.OffsetStore;
import io.roster.offsets.PartitionId;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The group protocol over HTTP: heartbeat, leave, offset commit and fetch. Every handler
 * validates first and only then touches Hazelcast; every Hazelcast call is asynchronous
 * and its result comes back onto the request's event loop. See docs/protocol.md.
 */
final class GroupRoutes {

    private static final int MAX_GROUP_ID_LENGTH = 249; // as Kafka limits topic names

    private final GroupStore groups;
    private final GroupEventService events;
    private final PushChannel push;
    private final OffsetStore offsets;
    private final TopicMetadataSource metadata;
    private final GroupSettings settings;
    private final LongSupplier clock;

    GroupRoutes(GroupStore groups, GroupEventService events, PushChannel push, OffsetStore offsets,
                TopicMetadataSource metadata, GroupSettings settings, LongSupplier clock) {
        this.groups = groups;
        this.events = events;
        this.push = push;
        this.offsets = offsets;
        this.metadata = metadata;
        this.settings = settings;
        this.clock = clock;
    }

    void mount(Router router) {
        router.post("/v1/groups/:group/heartbeat").handler(ctx -> respond(ctx, this::heartbeat));
        router.post("/v1/groups/:group/leave").handler(ctx -> respond(ctx, this::leave));
        router.post("/v1/groups/:group/offsets/commit").handler(ctx -> respond(ctx, this::commit));
        router.get("/v1/groups/:group/offsets").handler(ctx -> respond(ctx, this::fetch));
        router.get("/v1/groups/:group/members/:member/push").handler(this::openPushChannel);
    }

    /** The member's WebSocket for assignment-changed notifications (see {@link PushChannel}). */
    private void openPushChannel(RoutingContext ctx) {
        String group;
        try {
            group = groupId(ctx);
        } catch (ApiException e) {
            ErrorResponses.send(ctx, e);
            return;
        }
        String member = ctx.pathParam("member");
        ctx.request().toWebSocket().onSuccess(socket -> push.register(group, member, socket))
                .onFailure(failure -> ErrorResponses.send(ctx, ApiException.invalid(
                        "a push channel is a WebSocket: " + failure.getMessage())));
    }

    static void respond(RoutingContext ctx, Function<RoutingContext, Future<JsonObject>> handler) {
        Future<JsonObject> result;
        try {
            result = handler.apply(ctx);
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onSuccess(json -> ctx.response().putHeader("content-type", "application/json").end(json.encode()))
                .onFailure(failure -> ErrorResponses.send(ctx, failure));
    }

    private Future<JsonObject> heartbeat(RoutingContext ctx) {
        String group = groupId(ctx);
        JsonObject body = body(ctx);
        String memberId = optionalString(body, "memberId");
        Heartbeat heartbeat = new Heartbeat(memberId, requiredInt(body, "memberEpoch", 0),
                optionalString(body, "instanceId"), optionalString(body, "rack"), optionalTopics(body, "subscribedTopics"),
                optionalPartitions(body, "ownedPartitions"));
        Set<String> topics = heartbeat.subscribedTopics() == null ? Set.of() : heartbeat.subscribedTopics();
        return metadata.ensureKnown(topics)
                .compose(known -> events.apply(group, event(GroupEvent.Kind.HEARTBEAT, heartbeat, null, false, known,
                        heartbeat.isJoin() ? UUID.randomUUID().toString() : null)))
                .map(result -> memberView(result.response()));
    }

    private Future<JsonObject> leave(RoutingContext ctx) {
        String group = groupId(ctx);
        JsonObject body = body(ctx);
        String memberId = requiredString(body, "memberId");
        boolean temporarily = optionalBoolean(body, "temporary");
        return events.apply(group, event(GroupEvent.Kind.LEAVE, null, memberId, temporarily, metadata.current(), null))
                .map(result -> new JsonObject().put("memberId", memberId).put("left", true)
                        .put("temporary", temporarily));
    }

    private Future<JsonObject> commit(RoutingContext ctx) {
        String group = groupId(ctx);
        JsonObject body = body(ctx);
        String memberId = requiredString(body, "memberId");
        int epoch = requiredInt(body, "memberEpoch", 0);
        Map<PartitionId, OffsetCommit> commits = commits(body);
        Set<String> topics = new HashSet<>();
        commits.keySet().forEach(p -> topics.add(p.topic()));
        return metadata.ensureKnown(topics).compose(known -> {
            for (PartitionId partition : commits.keySet()) {
                if (partition.partition() >= known.partitionCount(partition.topic())) {
                    throw ApiException.invalid("partition " + partition.topic() + "-" + partition.partition()
                            + " does not exist");
                }
            }
            return onContext(ctx, offsets.commit(group, memberId, epoch, commits));
        }).map(results -> commitResponse(group, memberId, epoch, results));
    }

    private Future<JsonObject> fetch(RoutingContext ctx) {
        String group = groupId(ctx);
        return onContext(ctx, offsets.fetch(group)).compose(found -> {
            if (!found.isEmpty()) {
                return Future.succeededFuture(found);
            }
            return onContext(ctx, groups.get(group)).map(state -> {
                if (state == null) {
                    throw new ApiException(404, "UNKNOWN_GROUP", "group " + group + " has no members and no offsets");
                }
                return found;
            });
        }).map(found -> {
            JsonArray list = new JsonArray();
            new TreeMap<>(found).forEach((partition, committed) -> list.add(offsetJson(partition, committed)));
            return new JsonObject().put("groupId", group).put("offsets", list);
        });
    }

    private GroupEvent event(GroupEvent.Kind kind, Heartbeat heartbeat, String memberId, boolean temporarily,
                             TopicMetadata known, String newMemberId) {
        return settings.event(kind, heartbeat, memberId, temporarily, newMemberId, clock.getAsLong(), known);
    }

    private JsonObject memberView(MemberView view) {
        return new JsonObject().put("memberId", view.memberId()).put("memberEpoch", view.memberEpoch())
                .put("state", view.state().name()).put("heartbeatIntervalMs", settings.heartbeatIntervalMs())
                .put("sessionTimeoutMs", settings.sessionTimeoutMs())
                .put("assignedPartitions", partitions(view.assigned()))
                .put("partitionsToRevoke", partitions(view.pendingRevocation()))
                .put("pendingPartitions", partitions(view.awaiting()));
    }

    private static Map<PartitionId, OffsetCommit> commits(JsonObject body) {
        if (!(body.getValue("offsets") instanceof JsonArray array) || array.isEmpty()) {
            throw ApiException.invalid("field 'offsets': expected a non-empty array of {topic, partition, offset}");
        }
        Map<PartitionId, OffsetCommit> commits = new LinkedHashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "offsets[" + i + "]";
            if (!(array.getValue(i) instanceof JsonObject entry)) {
                throw ApiException.invalid("field '" + at + "': expected {topic, partition, offset}");
            }
            PartitionId partition;
            long offset;
            try {
                partition = new PartitionId(requiredString(entry, "topic"), requiredInt(entry, "partition", 0));
                offset = requiredLong(entry, "offset");
            } catch (ApiException e) {
                throw ApiException.invalid(at + ": " + e.getMessage());
            }
            if (offset < 0) {
                throw ApiException.invalid(at + ": offset of " + partition.topic() + "-" + partition.partition()
                        + " must not be negative, got " + offset);
            }
            if (commits.put(partition, new OffsetCommit(offset, optionalString(entry, "metadata"))) != null) {
                throw ApiException.invalid(at + ": " + partition.topic() + "-" + partition.partition()
                        + " appears twice");
            }
        }
        return commits;
    }

    /**
     * A commit refused as a whole, for one reason, is that reason's 4xx (nothing was
     * written); otherwise 200 with a result for each partition.
     */
    private static JsonObject commitResponse(String group, String memberId, int epoch,
                                             Map<PartitionId, CommitResult> results) {
        EnumSet<CommitResult> outcomes = EnumSet.copyOf(results.values());
        if (outcomes.equals(EnumSet.of(CommitResult.UNKNOWN_MEMBER))) {
            throw new ApiException(404, "UNKNOWN_MEMBER", "member " + memberId + " is not in group " + group);
        }
        if (outcomes.equals(EnumSet.of(CommitResult.FENCED))) {
            throw new ApiException(409, "FENCED_MEMBER_EPOCH", "member " + memberId + " at epoch " + epoch
                    + " owns none of these partitions in group " + group);
        }
        JsonArray list = new JsonArray();
        new TreeMap<>(results).forEach((partition, result) -> list.add(new JsonObject()
                .put("topic", partition.topic()).put("partition", partition.partition()).put("result", result.name())));
        return new JsonObject().put("results", list);
    }

    private static JsonObject offsetJson(PartitionId partition, CommittedOffset committed) {
        return new JsonObject().put("topic", partition.topic()).put("partition", partition.partition())
                .put("offset", committed.offset()).put("metadata", committed.metadata())
                .put("commitTimeMs", committed.commitTimeMs());
    }

    static String groupId(RoutingContext ctx) {
        String group = ctx.pathParam("group");
        if (group == null || group.isEmpty() || group.length() > MAX_GROUP_ID_LENGTH) {
            throw ApiException.invalid("group id must have 1 to " + MAX_GROUP_ID_LENGTH + " characters");
        }
        return group;
    }

    static JsonObject body(RoutingContext ctx) {
        try {
            Object json = ctx.body().asJsonObject();
            if (json == null) {
                throw ApiException.invalid("the body must be a JSON object");
            }
            return (JsonObject) json;
        } catch (DecodeException | ClassCastException e) {
            throw ApiException.invalid("the body is not a JSON object: " + e.getMessage());
        }
    }

    static <T> Future<T> onContext(RoutingContext ctx, CompletionStage<T> stage) {
        return Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext());
    }
}
