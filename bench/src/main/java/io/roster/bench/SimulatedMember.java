package io.roster.bench;

import io.roster.assignor.TopicPartitionSet;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One consumer of a group as a well-written SDK runs it, without Kafka: it holds exactly the
 * partitions of its last answer, releases revoked ones at once, and heartbeats on its
 * interval, on each push notice and right after a release; never otherwise. At most one
 * heartbeat is in flight; triggers that come meanwhile give one more heartbeat when it
 * returns.
 *
 * <p>Every method runs on the one Vert.x context of its group: no locks. It has its own
 * HTTP and WebSocket clients, so that no other member's exchange can queue its heartbeat.
 */
final class SimulatedMember {

    /** Until the first answer tells the real interval. */
    private static final long FIRST_INTERVAL_MS = 3_000;

    private final Vertx vertx;
    private final String name;
    private final String groupId;
    private final String topic;
    private final MemberRoute route;
    private final MemberListener listener;
    private final HttpClient http;
    private final WebSocketClient sockets;

    private String memberId = "";
    private int memberEpoch;
    private long intervalMs = FIRST_INTERVAL_MS;
    private boolean answeredOnce;
    private TopicPartitionSet held = TopicPartitionSet.empty();
    private TopicPartitionSet toRevoke = TopicPartitionSet.empty();
    private TopicPartitionSet pending = TopicPartitionSet.empty();
    private boolean inFlight;
    private HeartbeatTrigger queued;
    private long timerId = -1;
    private WebSocket socket;
    private boolean stopped;

    SimulatedMember(Vertx vertx, String name, String groupId, String topic, MemberRoute route,
                    MemberListener listener) {
        this.vertx = vertx;
        this.name = name;
        this.groupId = groupId;
        this.topic = topic;
        this.route = route;
        this.listener = listener;
        this.http = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(2));
        this.sockets = route.usesPush() ? vertx.createWebSocketClient() : null;
    }

    /** Joins the group: the first heartbeat. */
    void start() {
        heartbeat(HeartbeatTrigger.JOIN);
    }

    /** Its place in the group, {@code m0}, {@code m1}, ...: for traces. */
    String name() {
        return name;
    }

    /** Its last answer in short, for traces. */
    String lastAnswer() {
        return "epoch " + memberEpoch + ", holds " + held.size() + ", to revoke " + toRevoke.size() + ", to come "
                + pending.size();
    }

    String memberId() {
        return memberId;
    }

    boolean answeredOnce() {
        return answeredOnce;
    }

    /** The partitions it processes now: those of its last answer. */
    TopicPartitionSet held() {
        return held;
    }

    /** Its last answer had partitions to revoke or partitions still to come. */
    boolean reconciling() {
        return !toRevoke.isEmpty() || !pending.isEmpty();
    }

    /** A heartbeat is in flight or due at once. */
    boolean busy() {
        return inFlight || queued != null || !toRevoke.isEmpty();
    }

    /** Stops its timer and socket, and leaves the group; answers still in flight are ignored. */
    Future<Void> leave() {
        stopped = true;
        vertx.cancelTimer(timerId);
        Future<Void> closed = socket == null ? Future.succeededFuture() : socket.close();
        Future<Void> left = memberId.isEmpty() ? Future.succeededFuture()
                : JsonExchange.send(http, HttpMethod.POST, route.heartbeatPort(), "/v1/groups/" + groupId + "/leave",
                        new JsonObject().put("memberId", memberId)).map(reply -> {
                            if (!reply.ok()) {
                                throw new BenchmarkFailure("leave of " + memberId + " in " + groupId + " answered "
                                        + reply.status() + " " + reply.json().encode());
                            }
                            return null;
                        });
        return Future.all(closed, left).eventually(() -> Future.all(http.close(),
                sockets == null ? Future.succeededFuture() : sockets.close())).mapEmpty();
    }

    private void heartbeat(HeartbeatTrigger trigger) {
        if (stopped) {
            return;
        }
        if (inFlight) {
            if (queued == null) {
                queued = trigger;
            }
            return;
        }
        inFlight = true;
        listener.heartbeatSent(this, trigger);
        restartTimer();
        JsonObject body = new JsonObject().put("memberId", memberId).put("memberEpoch", memberEpoch)
                .put("ownedPartitions", PartitionsJson.write(held));
        if (trigger == HeartbeatTrigger.JOIN) {
            body.put("subscribedTopics", new JsonArray().add(topic));
        }
        JsonExchange.send(http, HttpMethod.POST, route.heartbeatPort(), "/v1/groups/" + groupId + "/heartbeat", body)
                .onComplete(reply -> {
                    inFlight = false;
                    if (stopped) {
                        return;
                    }
                    if (reply.failed()) {
                        listener.failed(this, trigger + " heartbeat failed: " + reply.cause());
                    } else if (!reply.result().ok()) {
                        listener.failed(this, trigger + " heartbeat answered " + reply.result().status() + " "
                                + reply.result().json().encode());
                    } else {
                        takeAnswer(reply.result().json());
                    }
                });
    }

    private void takeAnswer(JsonObject answer) {
        boolean joined = memberId.isEmpty();
        memberId = answer.getString("memberId");
        memberEpoch = answer.getInteger("memberEpoch");
        intervalMs = answer.getLong("heartbeatIntervalMs");
        // Revoked partitions are not among the assigned ones: holding exactly these releases them.
        held = PartitionsJson.read(answer, "assignedPartitions");
        toRevoke = PartitionsJson.read(answer, "partitionsToRevoke");
        pending = PartitionsJson.read(answer, "pendingPartitions");
        answeredOnce = true;
        listener.answered(this);
        if (joined && sockets != null) {
            openPushChannel();
        }
        HeartbeatTrigger next = !toRevoke.isEmpty() ? HeartbeatTrigger.RELEASE : queued;
        queued = null;
        if (next != null) {
            heartbeat(next);
        }
    }

    private void openPushChannel() {
        sockets.connect(route.pushPort(), JsonExchange.LOOPBACK, "/v1/groups/" + groupId + "/members/" + memberId + "/push")
                .onSuccess(opened -> {
                    socket = opened;
                    opened.textMessageHandler(this::onNotice);
                    heartbeat(HeartbeatTrigger.SOCKET_OPEN);
                })
                .onFailure(e -> {
                    if (!stopped) {
                        listener.failed(this, "the push channel did not open: " + e);
                    }
                });
    }

    private void onNotice(String text) {
        JsonObject notice = new JsonObject(text);
        if ("assignment-changed".equals(notice.getString("type")) && memberId.equals(notice.getString("memberId"))) {
            listener.noticeReceived(this);
            heartbeat(HeartbeatTrigger.PUSH);
        }
    }

    private void restartTimer() {
        vertx.cancelTimer(timerId);
        timerId = vertx.setTimer(intervalMs, id -> heartbeat(HeartbeatTrigger.INTERVAL));
    }
}
