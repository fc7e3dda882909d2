package io.roster.client.internal;

import io.roster.client.CoordinatorException;
import io.roster.client.RosterConsumerConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member's side of the group protocol (docs/protocol.md): heartbeats at the interval
 * the coordinator gives, at once after a push notice or a finished revocation, never two at a
 * time; the push channel; rejoining after UNKNOWN_MEMBER or FENCED_MEMBER_EPOCH; and giving
 * up its partitions (lost) when no coordinator has answered for a session timeout. Runs on
 * the consumer's context.
 */
final class Membership {

    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);
    private static final long RETRY_MS = 500;

    /** What the membership asks of the consumer. */
    interface Reconciler {
        /** Takes {@code assigned}, releases {@code toRevoke}; completes when the releases are done. */
        Future<Void> reconcile(Set<TopicPartition> assigned, Set<TopicPartition> toRevoke);

        Set<TopicPartition> owned();

        void loseAll(String reason);

        /** The coordinator refused the member for good (a bad group id, ...). */
        void refused(CoordinatorException cause);
    }

    private final Vertx vertx;
    private final CoordinatorClient client;
    private final RosterConsumerConfig config;
    private final Reconciler reconciler;
    private final Promise<Void> joinedOnce = Promise.promise();
    private String memberId = "";
    private int memberEpoch;
    private long intervalMs = 3_000;
    private long sessionTimeoutMs = 10_000;
    private long lastAnswerAt;
    private boolean inFlight;
    private boolean again;
    private long timer = -1;
    private WebSocket push;
    private boolean pushOpening;
    private boolean stopped;

    Membership(Vertx vertx, CoordinatorClient client, RosterConsumerConfig config, Reconciler reconciler) {
        this.vertx = vertx;
        this.client = client;
        this.config = config;
        this.reconciler = reconciler;
    }

    /** Joins; completes at the first answer. */
    Future<Void> start() {
        lastAnswerAt = System.currentTimeMillis();
        heartbeatNow();
        return joinedOnce.future();
    }

    boolean joined() {
        return !memberId.isEmpty();
    }

    String memberId() {
        return memberId;
    }

    int memberEpoch() {
        return memberEpoch;
    }

    void heartbeatNow() {
        if (stopped) {
            return;
        }
        if (inFlight) {
            again = true;
            return;
        }
        send();
    }

    /** Forgets the member id: the next heartbeat joins again. */
    void rejoin(String reason) {
        LOG.info("member {} of {} rejoins: {}", memberId, config.groupId(), reason);
        memberId = "";
        memberEpoch = 0;
        closePush();
        heartbeatNow();
    }

    /**
     * A fenced member is still in the group, holding its partitions until its session times
     * out: it leaves under its old id, so that they move at once, while it joins anew. (A
     * static member's join takes its old place by itself.)
     */
    private void leaveFenced(String fencedId) {
        client.leave(new JsonObject().put("memberId", fencedId).put("temporary", false)).onFailure(failure ->
                LOG.debug("leave of fenced member {} failed (its session timeout removes it): {}", fencedId,
                        failure.toString()));
    }

    /** Stops heartbeating and leaves the group (temporarily for a static member). */
    Future<Void> leave() {
        stop();
        if (!joined()) {
            return Future.succeededFuture();
        }
        JsonObject body = new JsonObject().put("memberId", memberId).put("temporary", config.instanceId() != null);
        return client.leave(body).<Void>mapEmpty().recover(failure -> {
            LOG.warn("leave of {} failed (the session timeout will remove it): {}", memberId, failure.toString());
            return Future.succeededFuture();
        });
    }

    /** Stops heartbeating, without a word to the coordinator. */
    void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        closePush();
    }

    private void send() {
        inFlight = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        JsonObject body = new JsonObject().put("memberId", memberId).put("memberEpoch", memberEpoch)
                .put("ownedPartitions", PartitionJson.toJson(reconciler.owned()));
        if (!joined()) {
            body.put("subscribedTopics", new JsonArray(config.topics().stream().map(t -> (Object) t).toList()));
            if (config.instanceId() != null) {
                body.put("instanceId", config.instanceId());
            }
            if (config.rack() != null) {
                body.put("rack", config.rack());
            }
        }
        String sentAs = memberId;
        client.heartbeat(body).onComplete(answer -> {
            inFlight = false;
            if (stopped) {
                return;
            }
            long next = intervalMs;
            if (!memberId.equals(sentAs)) {
                next = 0; // the member rejoined meanwhile: this answer is about the old one
            } else if (answer.succeeded()) {
                answered(answer.result());
            } else {
                next = failed(answer.cause());
            }
            if (stopped || inFlight) {
                // Stopped, or handling the answer already sent the next heartbeat (a rejoin, a release
                // done at once): that one's answer schedules what follows, `again` included.
                return;
            }
            if (again || next == 0) {
                again = false;
                send();
            } else {
                timer = vertx.setTimer(next, tick -> {
                    timer = -1;
                    heartbeatNow();
                });
            }
        });
    }

    private void answered(JsonObject answer) {
        memberId = answer.getString("memberId");
        memberEpoch = answer.getInteger("memberEpoch");
        intervalMs = answer.getLong("heartbeatIntervalMs", intervalMs);
        sessionTimeoutMs = answer.getLong("sessionTimeoutMs", sessionTimeoutMs);
        lastAnswerAt = System.currentTimeMillis();
        joinedOnce.tryComplete();
        if (push == null && !pushOpening) {
            openPush();
        }
        Set<TopicPartition> toRevoke = PartitionJson.fromJson(answer.getJsonArray("partitionsToRevoke"));
        Future<Void> released = reconciler.reconcile(PartitionJson.fromJson(answer.getJsonArray("assignedPartitions")),
                toRevoke);
        if (!toRevoke.isEmpty()) {
            released.onComplete(done -> heartbeatNow());
        }
    }

    /** Handles a failed heartbeat; returns the delay before the next one. */
    private long failed(Throwable cause) {
        if (cause instanceof CoordinatorException refused) {
            switch (refused.error()) {
                case "UNKNOWN_MEMBER", "FENCED_MEMBER_EPOCH" -> {
                    reconciler.loseAll(refused.error());
                    if (refused.error().equals("FENCED_MEMBER_EPOCH") && config.instanceId() == null) {
                        leaveFenced(memberId);
                    }
                    rejoin(refused.getMessage());
                    return RETRY_MS;
                }
                default -> {
                    if (refused.status() >= 400 && refused.status() < 500) {
                        LOG.error("the coordinator refused member {} of {}: {}", memberId, config.groupId(),
                                refused.getMessage());
                        joinedOnce.tryFail(refused);
                        reconciler.refused(refused);
                        return RETRY_MS;
                    }
                }
            }
        }
        LOG.warn("heartbeat of {} failed: {}", memberId, cause.toString());
        if (System.currentTimeMillis() - lastAnswerAt > sessionTimeoutMs && !reconciler.owned().isEmpty()) {
            reconciler.loseAll("no coordinator answered for " + sessionTimeoutMs + " ms");
        }
        return Math.min(intervalMs, RETRY_MS);
    }

    private void openPush() {
        pushOpening = true;
        String forMember = memberId;
        client.openPush(memberId, notice -> heartbeatNow()).onComplete(opened -> {
            pushOpening = false;
            if (opened.failed()) {
                LOG.debug("push channel of {} did not open: {}", forMember, opened.cause().toString());
                return; // the next answer tries again
            }
            WebSocket socket = opened.result();
            if (stopped || !memberId.equals(forMember)) {
                socket.close();
                return;
            }
            push = socket;
            socket.closeHandler(closed -> {
                if (push == socket) {
                    push = null;
                }
            });
            heartbeatNow(); // a notice sent while it connected is lost
        });
    }

    private void closePush() {
        if (push != null) {
            WebSocket socket = push;
            push = null;
            socket.close();
        }
    }
}
