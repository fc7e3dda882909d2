package io.roster.client.internal;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;

/**
 * A scripted coordinator node: a real Vert.x HTTP server on 127.0.0.1 that answers each
 * endpoint ({@code heartbeat}, {@code leave}, {@code offsets/commit}, {@code offsets}) from a
 * script, records every request, counts how many of an endpoint's requests are unanswered at
 * once, can hold answers until the test releases them, and accepts members' push WebSockets.
 * An endpoint without a script answers {@code 404 NOT_FOUND}.
 */
final class FakeCoordinator {

    /** An answer: a status and a body sent as it is. */
    record Reply(int status, String body) {

        static Reply ok(JsonObject body) {
            return new Reply(200, body.encode());
        }

        static Reply error(int status, String code) {
            return new Reply(status, new JsonObject().put("error", code).put("message", "scripted " + code).encode());
        }

        /** A heartbeat answer with a long interval: the member heartbeats again only when something asks it to. */
        static Reply heartbeat(String memberId, int epoch, Set<TopicPartition> assigned, Set<TopicPartition> toRevoke) {
            return ok(heartbeatBody(memberId, epoch, assigned, toRevoke));
        }

        static JsonObject heartbeatBody(String memberId, int epoch, Set<TopicPartition> assigned,
                                        Set<TopicPartition> toRevoke) {
            return new JsonObject().put("memberId", memberId).put("memberEpoch", epoch)
                    .put("state", toRevoke.isEmpty() ? "STABLE" : "UNREVOKED_PARTITIONS")
                    .put("heartbeatIntervalMs", 60_000).put("sessionTimeoutMs", 120_000)
                    .put("assignedPartitions", PartitionJson.toJson(assigned))
                    .put("partitionsToRevoke", PartitionJson.toJson(toRevoke))
                    .put("pendingPartitions", new JsonArray());
        }
    }

    /** A request as received: the raw path, and the body as JSON (null when empty). */
    record Request(String method, String path, JsonObject body) {
    }

    private record Held(Context context, Runnable answer) {
    }

    private static final String GROUPS = "/v1/groups/";

    private final Map<String, Function<JsonObject, Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<Request>> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> unanswered = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostUnanswered = new ConcurrentHashMap<>();
    private final Set<String> holding = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();
    private final List<Held> held = new ArrayList<>();
    private final Map<String, ServerWebSocket> pushSockets = new ConcurrentHashMap<>();
    private final List<String> pushOpened = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private FakeCoordinator() {
    }

    /** Listens on {@code port} (0: any free one) of 127.0.0.1. */
    static FakeCoordinator start(Vertx vertx, int port) {
        FakeCoordinator fake = new FakeCoordinator();
        fake.server = Await.result(vertx.createHttpServer().requestHandler(fake::handle).listen(port, "127.0.0.1"));
        return fake;
    }

    static FakeCoordinator start(Vertx vertx) {
        return start(vertx, 0);
    }

    int port() {
        return server.actualPort();
    }

    /** The address as a consumer is configured with it. */
    String address() {
        return "127.0.0.1:" + port();
    }

    void answer(String endpoint, Function<JsonObject, Reply> script) {
        scripts.put(endpoint, script);
    }

    /** The replies in turn, one per request; the last one for every request after it. */
    void answerInTurn(String endpoint, Reply... replies) {
        AtomicInteger next = new AtomicInteger();
        answer(endpoint, body -> replies[Math.min(next.getAndIncrement(), replies.length - 1)]);
    }

    /** From now on, answers of {@code endpoint} wait for {@link #release()}. */
    void hold(String endpoint) {
        holding.add(endpoint);
    }

    /** From now on, answers of {@code endpoint} go out {@code delayMs} after their request came. */
    void delay(String endpoint, long delayMs) {
        delays.put(endpoint, delayMs);
    }

    /** Sends the answers held so far (later requests are held again while the endpoint is held). */
    void release() {
        List<Held> due;
        synchronized (held) {
            due = List.copyOf(held);
            held.clear();
        }
        due.forEach(answer -> answer.context().runOnContext(ignored -> answer.answer().run()));
    }

    int heldCount() {
        synchronized (held) {
            return held.size();
        }
    }

    List<Request> requests(String endpoint) {
        return List.copyOf(requests.getOrDefault(endpoint, List.of()));
    }

    /** The largest number of requests of {@code endpoint} that were unanswered at the same time. */
    int mostUnanswered(String endpoint) {
        return counter(mostUnanswered, endpoint).get();
    }

    /** Member ids whose push channel opened, in order. */
    List<String> pushOpened() {
        return List.copyOf(pushOpened);
    }

    /** Sends the member an assignment-changed notice over its push channel. */
    void push(String memberId) {
        ServerWebSocket socket = pushSockets.get(memberId);
        if (socket == null) {
            throw new AssertionError("member " + memberId + " has no push channel open");
        }
        socket.writeTextMessage(new JsonObject().put("type", "assignment-changed").put("memberId", memberId).encode());
    }

    void close() {
        Await.result(server.close());
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        String endpoint = endpoint(path);
        if (endpoint.startsWith("members/") && endpoint.endsWith("/push")) {
            String member = endpoint.substring("members/".length(), endpoint.length() - "/push".length());
            request.toWebSocket().onSuccess(socket -> {
                pushSockets.put(member, socket);
                pushOpened.add(member);
                socket.closeHandler(closed -> pushSockets.remove(member, socket));
            });
            return;
        }
        Context context = Vertx.currentContext();
        request.body().onSuccess(buffer -> {
            requests.computeIfAbsent(endpoint, e -> new CopyOnWriteArrayList<>())
                    .add(new Request(request.method().name(), path, json(buffer)));
            int now = counter(unanswered, endpoint).incrementAndGet();
            counter(mostUnanswered, endpoint).accumulateAndGet(now, Math::max);
            Reply reply = scripts.getOrDefault(endpoint, body -> Reply.error(404, "NOT_FOUND")).apply(json(buffer));
            Runnable answer = () -> {
                counter(unanswered, endpoint).decrementAndGet();
                request.response().setStatusCode(reply.status()).putHeader("content-type", "application/json")
                        .end(reply.body());
            };
            if (holding.contains(endpoint)) {
                synchronized (held) {
                    held.add(new Held(context, answer));
                }
            } else if (delays.containsKey(endpoint)) {
                context.owner().setTimer(delays.get(endpoint), timer -> answer.run());
            } else {
                answer.run();
            }
        });
    }

    /** The part of the path after the group: {@code heartbeat}, {@code offsets/commit}, ... */
    private static String endpoint(String path) {
        if (!path.startsWith(GROUPS)) {
            return path;
        }
        int afterGroup = path.indexOf('/', GROUPS.length());
        return afterGroup < 0 ? path : path.substring(afterGroup + 1);
    }

    private static JsonObject json(Buffer buffer) {
        return buffer.length() == 0 ? null : buffer.toJsonObject();
    }

    private static AtomicInteger counter(Map<String, AtomicInteger> counters, String endpoint) {
        return counters.computeIfAbsent(endpoint, e -> new AtomicInteger());
    }
}
