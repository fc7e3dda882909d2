package io.roster.bench;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * One event loop of the load generator with its own HTTP client and its share of the members. Everything a member
 * does runs here, so a member's state needs no lock; the main thread only calls in through
 * {@link ContextAwait#call}, which starts each exchange on this context (an exchange chained from another thread
 * can lose its body).
 *
 * <p>Besides the measured loops, a keep-alive heartbeats every member that no loop drives once per heartbeat
 * interval, as a real member would: otherwise members not in the current step would expire after the session
 * timeout. Those heartbeats and their errors are counted apart.
 */
final class LoadShard extends VerticleBase {

    private static final long KEEP_ALIVE_TICK_MS = 250;
    private static final long FIRST_COMMIT_RETRY_MS = 200;
    private static final int SET_UP_PARALLEL = 8;

    private final int port;
    private final boolean http2;
    private final int connections;
    private final long timeoutMs;
    private final List<CapacityMember> members = new ArrayList<>();
    private HttpClient http;
    private long keepAliveTimer = -1;
    private long backgroundHeartbeats;
    private final Map<String, Long> backgroundErrors = new TreeMap<>();

    /** {@code connections}: the most requests this shard has in flight at once. */
    LoadShard(int port, boolean http2, int connections, long timeoutMs) {
        this.port = port;
        this.http2 = http2;
        this.connections = connections;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Future<?> start() {
        HttpClientOptions options = new HttpClientOptions().setConnectTimeout((int) timeoutMs).setKeepAlive(true);
        if (http2) {
            // h2c with prior knowledge: the coordinator's server accepts it (Vert.x enables clear-text HTTP/2).
            options.setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false);
        }
        // HTTP/1.1 has one request per connection at a time: one connection per request in flight. HTTP/2
        // multiplexes up to the server's stream limit (100 by default) on each.
        http = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(connections)
                .setHttp2MaxSize(Math.max(1, connections / 50)));
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(keepAliveTimer);
        return http.close();
    }

    Context context() {
        return context;
    }

    /** Joins every member (all at once), then starts the keep-alive. */
    Future<Void> join(List<CapacityMember> joining) {
        members.addAll(joining);
        return inWaves(joining, this::heartbeatOnce).map(all -> {
            for (CapacityMember member : joining) {
                if (!member.joined()) {
                    throw new BenchmarkFailure("a join to " + member.groupId + " did not give a member id");
                }
            }
            keepAliveTimer = vertx.setPeriodic(KEEP_ALIVE_TICK_MS, id -> keepAlive());
            return null;
        });
    }

    /** One heartbeat of every member; true when none of them changed and all are settled. */
    Future<Boolean> settleRound() {
        List<CapacityMember> all = List.copyOf(members);
        all.forEach(m -> m.driven = true);
        return inWaves(all, this::heartbeatOnce).map(changes -> {
            all.forEach(m -> m.driven = false);
            return changes.stream().allMatch(change -> change == null)
                    && all.stream().allMatch(CapacityMember::settled);
        });
    }

    /**
     * One commit of one partition by each member, repeated while the coordinator answers 503 (it reloads the
     * offsets of a cold start) for at most {@code timeoutMs}; any other answer than 200 with the partition OK fails.
     */
    Future<Void> firstCommits(List<CapacityMember> committing, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        return inWaves(committing, m -> firstCommit(m, deadline)).mapEmpty();
    }

    private Future<Void> firstCommit(CapacityMember member, long deadline) {
        return post(member.setUpCommitRequest, member.commitBody(1)).compose(reply -> {
            if (reply.status() == 503 && System.nanoTime() < deadline) {
                Promise<Void> again = Promise.promise();
                vertx.setTimer(FIRST_COMMIT_RETRY_MS, id -> firstCommit(member, deadline).onComplete(again));
                return again.future();
            }
            String error = reply.status() == 200 ? CapacityMember.commitError(reply.json(), 1)
                    : reply.statusAndError();
            if (error != null) {
                return Future.failedFuture(new BenchmarkFailure("first commit of the member of " + member.groupId
                        + ": " + error));
            }
            return Future.succeededFuture();
        });
    }

    /** From now on the keep-alive's counts are kept: changes while the members settled were expected. */
    Future<Void> startCounting() {
        backgroundHeartbeats = 0;
        backgroundErrors.clear();
        return Future.succeededFuture();
    }

    /** Heartbeats and errors of the keep-alive since {@link #startCounting()}. */
    Future<Background> background() {
        return Future.succeededFuture(new Background(backgroundHeartbeats, Map.copyOf(backgroundErrors)));
    }

    record Background(long heartbeats, Map<String, Long> errors) {
    }

    /**
     * Each of {@code driven} heartbeats in a closed loop, one heartbeat in flight, the next as soon as the answer is
     * in, until the window ends. Every answer must be 200 and change nothing.
     */
    Future<StepRecorder> heartbeats(List<CapacityMember> driven, long windowStart, long windowEnd) {
        StepRecorder recorder = new StepRecorder(windowStart, windowEnd);
        List<Future<Void>> loops = new ArrayList<>();
        for (CapacityMember member : driven) {
            member.driven = true;
            Promise<Void> done = Promise.promise();
            heartbeatLoop(member, recorder, done);
            loops.add(done.future());
        }
        return Future.all(loops).map(recorder);
    }

    /**
     * Each of {@code driven} commits {@code batch} of its partitions in a closed loop, one commit in flight, until the
     * window ends. Every answer must be 200 with every partition OK.
     */
    Future<StepRecorder> commits(List<CapacityMember> driven, int batch, long windowStart, long windowEnd) {
        StepRecorder recorder = new StepRecorder(windowStart, windowEnd);
        List<Future<Void>> loops = new ArrayList<>();
        for (CapacityMember member : driven) {
            Promise<Void> done = Promise.promise();
            commitLoop(member, batch, recorder, done);
            loops.add(done.future());
        }
        return Future.all(loops).map(recorder);
    }

    private void heartbeatLoop(CapacityMember member, StepRecorder recorder, Promise<Void> done) {
        long start = System.nanoTime();
        if (!recorder.open(start)) {
            member.driven = false;
            done.complete();
            return;
        }
        if (member.heartbeatInFlight) {
            member.afterHeartbeat = () -> heartbeatLoop(member, recorder, done);
            return;
        }
        member.heartbeatInFlight = true;
        member.lastHeartbeatSentNanos = start;
        post(member.heartbeatRequest, member.heartbeatBody()).onComplete(reply -> {
            long end = System.nanoTime();
            member.heartbeatInFlight = false;
            String error = heartbeatError(member, reply);
            if (error == null) {
                recorder.succeeded(start, end);
            } else {
                recorder.failed(error);
            }
            next(reply, () -> heartbeatLoop(member, recorder, done));
        });
    }

    private void commitLoop(CapacityMember member, int batch, StepRecorder recorder, Promise<Void> done) {
        long start = System.nanoTime();
        if (!recorder.open(start)) {
            done.complete();
            return;
        }
        post(member.commitRequest, member.commitBody(batch)).onComplete(reply -> {
            long end = System.nanoTime();
            String error;
            if (reply.failed()) {
                error = "commit: " + describe(reply.cause());
            } else if (reply.result().status() != 200) {
                error = "commit: " + reply.result().statusAndError();
            } else {
                error = CapacityMember.commitError(reply.result().json(), batch);
            }
            if (error == null) {
                recorder.succeeded(start, end);
            } else {
                recorder.failed(error);
            }
            next(reply, () -> commitLoop(member, batch, recorder, done));
        });
    }

    /** The next request of a loop: at once, or from a fresh task after a failure that may have completed at once. */
    private void next(AsyncResult<?> reply, Runnable loop) {
        if (reply.succeeded()) {
            loop.run();
        } else {
            context.runOnContext(ignored -> loop.run());
        }
    }

    /**
     * {@code action} for every member, at most {@value #SET_UP_PARALLEL} at a time (a cold coordinator given
     * hundreds of joins at once answers some only after seconds); the results in the members' order.
     */
    private <T> Future<List<T>> inWaves(List<CapacityMember> all, Function<CapacityMember, Future<T>> action) {
        List<T> results = new ArrayList<>(Collections.nCopies(all.size(), null));
        Iterator<Integer> next = IntStream.range(0, all.size()).iterator();
        List<Future<Void>> chains = new ArrayList<>();
        for (int c = 0; c < Math.min(SET_UP_PARALLEL, all.size()); c++) {
            chains.add(chain(all, next, results, action));
        }
        return Future.all(chains).map(done -> results);
    }

    private <T> Future<Void> chain(List<CapacityMember> all, Iterator<Integer> next, List<T> results,
                                   Function<CapacityMember, Future<T>> action) {
        if (!next.hasNext()) {
            return Future.succeededFuture();
        }
        int index = next.next();
        return action.apply(all.get(index)).compose(result -> {
            results.set(index, result);
            return chain(all, next, results, action);
        });
    }

    /** One heartbeat of a member, answer taken; the future holds what changed (null: nothing). */
    private Future<String> heartbeatOnce(CapacityMember member) {
        member.heartbeatInFlight = true;
        member.lastHeartbeatSentNanos = System.nanoTime();
        return post(member.setUpHeartbeatRequest, member.heartbeatBody()).map(reply -> {
            member.heartbeatInFlight = false;
            if (reply.status() != 200) {
                throw new BenchmarkFailure("heartbeat of a member of " + member.groupId + ": "
                        + reply.statusAndError());
            }
            return member.take(reply.json());
        }).onFailure(e -> member.heartbeatInFlight = false);
    }

    private void keepAlive() {
        long now = System.nanoTime();
        for (CapacityMember member : members) {
            if (member.driven || member.heartbeatInFlight || !member.joined()
                    || now - member.lastHeartbeatSentNanos < TimeUnit.MILLISECONDS.toNanos(member.intervalMs())) {
                continue;
            }
            member.heartbeatInFlight = true;
            member.lastHeartbeatSentNanos = now;
            backgroundHeartbeats++;
            post(member.heartbeatRequest, member.heartbeatBody()).onComplete(reply -> {
                member.heartbeatInFlight = false;
                String error = heartbeatError(member, reply);
                if (error != null) {
                    backgroundErrors.merge(error, 1L, Long::sum);
                }
                Runnable next = member.afterHeartbeat;
                member.afterHeartbeat = null;
                if (next != null) {
                    context.runOnContext(ignored -> next.run());
                }
            });
        }
    }

    /** Null for a 200 that changed nothing; the member takes any 200 answer, so that it goes on by the protocol. */
    private static String heartbeatError(CapacityMember member, AsyncResult<Reply> reply) {
        if (reply.failed()) {
            return "heartbeat: " + describe(reply.cause());
        }
        if (reply.result().status() != 200) {
            return "heartbeat: " + reply.result().statusAndError();
        }
        try {
            String change = member.take(reply.result().json());
            return change == null ? null : "heartbeat answer changed the member: " + change;
        } catch (RuntimeException e) {
            return "heartbeat: " + describe(e);
        }
    }

    private Future<Reply> post(RequestOptions request, Buffer body) {
        return http.request(request).compose(sent -> sent.send(body))
                .compose(response -> response.body().map(buffer -> new Reply(response.statusCode(), buffer)));
    }

    /** A status and the raw body, decoded only when looked at. */
    record Reply(int status, Buffer body) {

        JsonObject json() {
            return body.length() == 0 ? new JsonObject() : body.toJsonObject();
        }

        /** E.g. {@code HTTP 503 OFFSETS_UNAVAILABLE}. */
        String statusAndError() {
            String error;
            try {
                error = json().getString("error", "(no error code)");
            } catch (RuntimeException e) {
                error = "(body not JSON)";
            }
            return "HTTP " + status + " " + error;
        }
    }

    /** A failure's kind without the ids or ports that would make every occurrence a kind of its own. */
    static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage().replaceAll("[0-9a-f-]{8,}|\\d+", "#");
        return failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": "
                + message.substring(0, Math.min(120, message.length())));
    }
}
