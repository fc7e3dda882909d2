package io.roster.bench;

import io.roster.assignor.TopicPartitionSet;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * One join of a member to a stable group, measured. Untimed: ten members join a fresh group
 * and become stable, and the coordinator agrees. Timed: from just before the eleventh
 * member's first heartbeat to the first answer after which {@link GroupConvergence} holds for
 * all eleven. Untimed again: the coordinator must agree with what the members hold (else the
 * harness is wrong and the run stops), then every member leaves and the group is deleted.
 *
 * <p>The members run on one context of the client Vert.x instance, apart from the nodes'.
 */
final class JoinMeasurement {

    static final String TOPIC = "events";
    static final int PARTITIONS = 60;
    static final int STABLE_MEMBERS = 10;

    private static final Duration STABLE_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CONVERGENCE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    /** Pause between a stable group and the join, so that nothing of the set-up is still under way. */
    private static final long SETTLE_MS = 200;

    private final CoordinatorCluster cluster;
    private final JoinConfiguration configuration;
    private final Vertx vertx;
    private final Context context;
    private final HttpClient admin;
    private final TopicPartitionSet partitions;
    private final boolean printTimelines;

    /** {@code printTimelines}: print what the members did in each join, with times. */
    JoinMeasurement(CoordinatorCluster cluster, JoinConfiguration configuration, Vertx clients,
                    boolean printTimelines) {
        this.cluster = cluster;
        this.printTimelines = printTimelines;
        this.configuration = configuration;
        this.vertx = clients;
        this.context = clients.getOrCreateContext();
        this.admin = ContextAwait.call(context, () -> Future.succeededFuture(clients.createHttpClient()), CALL_TIMEOUT,
                "creating the admin client");
        TopicPartitionSet.Builder all = TopicPartitionSet.builder();
        for (int p = 0; p < PARTITIONS; p++) {
            all.add(TOPIC, p);
        }
        this.partitions = all.build();
    }

    JoinSample run(int index) {
        String groupId = "join-" + configuration.slug() + "-" + index + "-" + UUID.randomUUID().toString().substring(0, 8);
        SimulatedGroup group = new SimulatedGroup(vertx, groupId, TOPIC, partitions);
        JoinSample sample;
        try {
            sample = measure(group);
        } catch (RuntimeException e) {
            try {
                cleanUp(group);
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        cleanUp(group);
        return sample;
    }

    void close() {
        ContextAwait.call(context, admin::close, CALL_TIMEOUT, "closing the admin client");
    }

    private JoinSample measure(SimulatedGroup group) {
        String groupId = group.groupId();
        ContextAwait.call(context, () -> {
            for (int i = 0; i < STABLE_MEMBERS; i++) {
                group.add(configuration.route(i, cluster)).start();
            }
            return group.convergence();
        }, STABLE_TIMEOUT, groupId + ": " + STABLE_MEMBERS + " members becoming stable");
        requireCoordinatorAgrees(group, "before the join");
        pause();
        JoinTimeline timeline = printTimelines ? new JoinTimeline() : null;
        JoinSample sample = ContextAwait.call(context, () -> {
            SimulatedMember newcomer = group.add(configuration.route(STABLE_MEMBERS, cluster));
            long start = System.nanoTime();
            if (timeline != null) {
                timeline.start(start);
            }
            group.resetCounts(timeline);
            newcomer.start();
            return group.convergence().map(done -> new JoinSample(done.nanoTime() - start, done.counts()));
        }, CONVERGENCE_TIMEOUT, groupId + ": convergence after the join of member " + (STABLE_MEMBERS + 1));
        if (timeline != null) {
            System.out.printf("%s: %.3f ms%n%s%n", groupId, sample.millis(), timeline.render());
        }
        requireCoordinatorAgrees(group, "after convergence");
        return sample;
    }

    /** Every member leaves and the group is deleted, so that groups do not pile up in Hazelcast. */
    private void cleanUp(SimulatedGroup group) {
        ContextAwait.call(context, group::leaveAll, CALL_TIMEOUT, group.groupId() + ": members leaving");
        ContextAwait.call(context, () -> deleteGroup(group.groupId()), CALL_TIMEOUT,
                group.groupId() + ": deleting the group");
    }

    /** Once no heartbeat is in flight: the coordinator's view must be the members' one. */
    private void requireCoordinatorAgrees(SimulatedGroup group, String when) {
        List<String> differences = ContextAwait.call(context, () -> group.quiet()
                .compose(quiet -> CoordinatorViewCheck.differences(admin, cluster.httpPort(0), group)),
                CALL_TIMEOUT, group.groupId() + ": comparing with the coordinator " + when);
        if (!differences.isEmpty()) {
            throw new BenchmarkFailure("HARNESS BUG: " + group.groupId() + " " + when
                    + ": the members' view differs from the coordinator's: " + String.join("; ", differences));
        }
    }

    private Future<Void> deleteGroup(String groupId) {
        return JsonExchange.send(admin, HttpMethod.DELETE, cluster.httpPort(0), "/v1/admin/groups/" + groupId, null)
                .map(reply -> {
                    if (!reply.ok()) {
                        throw new BenchmarkFailure("deleting " + groupId + " answered " + reply.status() + " "
                                + reply.json().encode());
                    }
                    return null;
                });
    }

    private static void pause() {
        try {
            Thread.sleep(SETTLE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted", e);
        }
    }
}
