package io.roster.client.internal;

import io.roster.client.CoordinatorException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer as the membership sees it: owns what it is assigned, releases revoked
 * partitions at once or when the test says, and records losses and refusals. Called on the
 * membership's context; read from the test thread.
 */
final class FakeReconciler implements Membership.Reconciler {

    private record Release(Set<TopicPartition> partitions, Promise<Void> done) {
    }

    private final boolean releaseAtOnce;
    private final Set<TopicPartition> owned = new CopyOnWriteArraySet<>();
    private final List<Set<TopicPartition>> revocations = new CopyOnWriteArrayList<>();
    private final List<Release> releasing = new ArrayList<>();
    private final List<String> losses = new CopyOnWriteArrayList<>();
    private final List<CoordinatorException> refusals = new CopyOnWriteArrayList<>();
    private final AtomicInteger ownedReads = new AtomicInteger();
    private final AtomicInteger answers = new AtomicInteger();

    /** {@code releaseAtOnce}: a revocation is done when asked; otherwise at {@link #finishReleases()}. */
    FakeReconciler(boolean releaseAtOnce) {
        this.releaseAtOnce = releaseAtOnce;
    }

    @Override
    public Future<Void> reconcile(Set<TopicPartition> assigned, Set<TopicPartition> toRevoke) {
        answers.incrementAndGet();
        owned.addAll(assigned);
        if (toRevoke.isEmpty()) {
            return Future.succeededFuture();
        }
        revocations.add(Set.copyOf(toRevoke));
        Release release = new Release(Set.copyOf(toRevoke), Promise.promise());
        releasing.add(release);
        if (releaseAtOnce) {
            finishReleases();
        }
        return release.done().future();
    }

    @Override
    public Set<TopicPartition> owned() {
        ownedReads.incrementAndGet();
        return Set.copyOf(owned);
    }

    @Override
    public void loseAll(String reason) {
        owned.clear();
        losses.add(reason);
    }

    @Override
    public void refused(CoordinatorException cause) {
        refusals.add(cause);
    }

    /** Completes the revocations asked for so far; call it on the membership's context. */
    void finishReleases() {
        List<Release> done = List.copyOf(releasing);
        releasing.clear();
        done.forEach(release -> {
            owned.removeAll(release.partitions());
            release.done().complete();
        });
    }

    /** How many heartbeat answers were reconciled. */
    int answers() {
        return answers.get();
    }

    List<Set<TopicPartition>> revocations() {
        return List.copyOf(revocations);
    }

    List<String> losses() {
        return List.copyOf(losses);
    }

    List<CoordinatorException> refusals() {
        return List.copyOf(refusals);
    }

    /**
     * How often {@link #owned()} was read. The membership reads it once for each heartbeat it
     * sends, on its context, as it sends it (and once after each heartbeat no coordinator
     * answered): with coordinators that answer, the heartbeats it has started.
     */
    int ownedReads() {
        return ownedReads.get();
    }
}
