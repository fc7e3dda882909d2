package io.roster.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The load generator's side of one coordinator: members over Vert.x HTTP on {@code clientThreads} event loops
 * ({@link LoadShard}s), apart from the coordinator's process. Heartbeat members sit in groups of
 * {@code heartbeatGroupSize}; commit members each have a group of their own and so own every partition of the
 * topic. Member {@code i} of each kind lives on shard {@code i % shards}; a step with {@code n} requests in flight
 * drives members {@code 0..n-1}.
 */
final class RosterLoad implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SET_UP_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final Vertx vertx;
    private final List<LoadShard> shards = new ArrayList<>();
    private final int port;
    private final List<CapacityMember> heartbeatMembers = new ArrayList<>();
    private final List<CapacityMember> commitMembers = new ArrayList<>();
    private final Map<CapacityMember, LoadShard> shardOf = new HashMap<>();

    /**
     * Creates the members (nothing is sent yet): {@code heartbeatMembers} in groups of {@code groupSize},
     * {@code commitMembers} alone in their groups, all subscribed to {@code topic}.
     */
    RosterLoad(CapacitySettings settings, int port, String topic, int heartbeatMembers, int commitMembers) {
        this.port = port;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(settings.clientThreads()));
        try {
            int shardCount = settings.clientThreads();
            int perShard = Math.max(1, (settings.maxSteps() + shardCount - 1) / shardCount);
            long timeoutMs = settings.requestTimeout().toMillis();
            for (int s = 0; s < shardCount; s++) {
                // The measured loops of a shard, plus room for the keep-alive's heartbeats.
                LoadShard shard = new LoadShard(port, settings.http().equals("2"), perShard + 32, timeoutMs);
                ContextAwait.result(vertx.deployVerticle(shard), CALL_TIMEOUT, "starting load shard " + s);
                shards.add(shard);
            }
            for (int i = 0; i < heartbeatMembers; i++) {
                add(this.heartbeatMembers, new CapacityMember("capacity-heartbeats-" + i / settings.heartbeatGroupSize(),
                        topic, port, timeoutMs, SET_UP_REQUEST_TIMEOUT.toMillis()));
            }
            for (int i = 0; i < commitMembers; i++) {
                add(this.commitMembers, new CapacityMember("capacity-commits-" + i, topic, port, timeoutMs,
                        SET_UP_REQUEST_TIMEOUT.toMillis()));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void add(List<CapacityMember> kind, CapacityMember member) {
        shardOf.put(member, shards.get(kind.size() % shards.size()));
        kind.add(member);
    }

    /**
     * Every member joins, then heartbeats in rounds until a whole round changes nothing and every member is stable
     * (the coordinator must then list every group STABLE); each commit member must own {@code partitions}.
     */
    void joinAndSettle(int partitions) {
        onEveryShard(shard -> {
            List<CapacityMember> mine = new ArrayList<>();
            shardOf.forEach((member, owner) -> {
                if (owner == shard) {
                    mine.add(member);
                }
            });
            return shard.join(mine);
        }, "joining the members");
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        int rounds = 0;
        boolean settled = false;
        while (!settled) {
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailure("the members did not settle within " + SETTLE_TIMEOUT.toSeconds() + " s ("
                        + rounds + " rounds of heartbeats)");
            }
            settled = onEveryShard(LoadShard::settleRound, "a round of heartbeats").stream().allMatch(b -> b);
            rounds++;
        }
        for (CapacityMember member : commitMembers) {
            if (member.heldCount() != partitions) {
                throw new BenchmarkFailure("a commit member of " + member.groupId + " owns " + member.heldCount()
                        + " partitions, not all " + partitions);
            }
        }
        checkGroupsStable();
        onEveryShard(shard -> shard.firstCommits(commitMembers.stream().filter(m -> shardOf.get(m) == shard).toList(),
                SETTLE_TIMEOUT.toMillis()), "the first commits");
        onEveryShard(LoadShard::startCounting, "resetting the keep-alive counts");
        System.out.printf("  %d heartbeat members and %d commit members joined and stable after %d rounds%n",
                heartbeatMembers.size(), commitMembers.size(), rounds);
    }

    /** Runs {@code action} on every shard's context at once and waits for all; their results in shard order. */
    private <T> List<T> onEveryShard(Function<LoadShard, Future<T>> action, String what) {
        List<CompletableFuture<T>> all = shards.stream().map(shard -> startOn(shard, () -> action.apply(shard))).toList();
        List<T> results = new ArrayList<>();
        for (CompletableFuture<T> done : all) {
            results.add(ContextAwait.result(Future.fromCompletionStage(done), CALL_TIMEOUT.plus(SETTLE_TIMEOUT), what));
        }
        return results;
    }

    /** Starts {@code action} on the shard's context (never on this thread) and hands its outcome over. */
    private static <T> CompletableFuture<T> startOn(LoadShard shard, Supplier<Future<T>> action) {
        CompletableFuture<T> done = new CompletableFuture<>();
        shard.context().runOnContext(ignored -> {
            try {
                action.get().onComplete(result -> {
                    if (result.succeeded()) {
                        done.complete(result.result());
                    } else {
                        done.completeExceptionally(result.cause());
                    }
                });
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** Members {@code 0..inFlight-1} heartbeat in closed loops. */
    CompletionStage<List<StepRecorder>> heartbeats(int inFlight, long windowStart, long windowEnd) {
        return drive(heartbeatMembers, inFlight, (shard, driven) -> shard.heartbeats(driven, windowStart, windowEnd));
    }

    /** Commit members {@code 0..inFlight-1} commit {@code batch} partitions each in closed loops. */
    CompletionStage<List<StepRecorder>> commits(int batch, int inFlight, long windowStart, long windowEnd) {
        return drive(commitMembers, inFlight, (shard, driven) -> shard.commits(driven, batch, windowStart, windowEnd));
    }

    /** Keep-alive heartbeats and their errors so far, over every shard. */
    LoadShard.Background background() {
        long heartbeats = 0;
        Map<String, Long> errors = new TreeMap<>();
        for (LoadShard.Background one : onEveryShard(LoadShard::background, "reading the keep-alive counts")) {
            heartbeats += one.heartbeats();
            one.errors().forEach((kind, n) -> errors.merge(kind, n, Long::sum));
        }
        return new LoadShard.Background(heartbeats, errors);
    }

    private CompletionStage<List<StepRecorder>> drive(List<CapacityMember> kind, int inFlight,
                                                      ShardStep step) {
        if (inFlight > kind.size()) {
            throw new IllegalArgumentException(inFlight + " in flight, but only " + kind.size() + " members");
        }
        List<CompletableFuture<StepRecorder>> perShard = new ArrayList<>();
        for (LoadShard shard : shards) {
            List<CapacityMember> driven = kind.subList(0, inFlight).stream().filter(m -> shardOf.get(m) == shard).toList();
            if (driven.isEmpty()) {
                continue;
            }
            perShard.add(startOn(shard, () -> step.start(shard, driven)));
        }
        return CompletableFuture.allOf(perShard.toArray(CompletableFuture[]::new))
                .thenApply(all -> perShard.stream().map(CompletableFuture::join).toList());
    }

    @FunctionalInterface
    private interface ShardStep {
        Future<StepRecorder> start(LoadShard shard, List<CapacityMember> driven);
    }

    /** The coordinator's own view: {@code GET /v1/admin/groups} lists every group of the load STABLE. */
    private void checkGroupsStable() {
        Map<String, Integer> expected = new TreeMap<>();
        heartbeatMembers.forEach(m -> expected.merge(m.groupId, 1, Integer::sum));
        commitMembers.forEach(m -> expected.merge(m.groupId, 1, Integer::sum));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/admin/groups"))
                .timeout(CALL_TIMEOUT).GET().build();
        JsonArray groups;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new BenchmarkFailure("GET /v1/admin/groups answered " + response.statusCode() + " "
                        + response.body());
            }
            groups = new JsonObject(response.body()).getJsonArray("groups");
        } catch (IOException e) {
            throw new BenchmarkFailure("GET /v1/admin/groups failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted while listing the groups", e);
        }
        Map<String, String> seen = new TreeMap<>();
        for (int i = 0; i < groups.size(); i++) {
            JsonObject group = groups.getJsonObject(i);
            seen.put(group.getString("groupId"), group.getString("state") + "/" + group.getInteger("members"));
        }
        expected.forEach((group, members) -> {
            if (!("STABLE/" + members).equals(seen.get(group))) {
                throw new BenchmarkFailure("the coordinator lists group " + group + " as " + seen.get(group)
                        + ", the load expects STABLE with " + members + " members");
            }
        });
    }

    @Override
    public void close() {
        ContextAwait.result(vertx.close(), CALL_TIMEOUT, "closing the load generator's Vert.x");
    }
}
