package io.roster.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

/**
 * The consumers of one group while one contender is measured, and the events done to them.
 * Driven from one harness thread.
 *
 * <p>A group is <b>settled</b> when no live consumer has failed, every partition is owned by
 * exactly one of them (as their rebalance listeners were told), each owns its share (the floor
 * or the ceiling of partitions / consumers), each partition's latest record was processed by its
 * owner within the last second, nothing of this changed for the required quiet time, and the
 * coordinator agrees: same members, each assigned what it owns, no rebalance under way.
 */
final class MeasuredGroup implements AutoCloseable {

    private static final long POLL_MILLIS = 50;
    private static final long COORDINATOR_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** A partition is being consumed when its owner processed a record this recently (or within five of its records' spacing). */
    private static final long RECENT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Records before the settled state are kept this much longer than the windows need. */
    private static final long LEDGER_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    /** A settled group: the owner (consumer id) of each partition, and since when it is so. */
    record Settled(int[] owners, long sinceNanos) {
    }

    /** The group did not settle in time; the message says what was still missing. */
    static final class NotSettled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotSettled(String message) {
            super(message);
        }
    }

    private final ProtocolDriver driver;
    private final String groupId;
    private final int partitions;
    private final ProcessingLedger ledger;
    private final IntSupplier ids;
    private final long settleNanos;
    private final long recentNanos;
    private final List<GroupConsumer> live = new ArrayList<>();
    private final List<CompletableFuture<Void>> stopping = new ArrayList<>();
    private GroupConsumer victim;
    private int[] stableOwners;
    private long stableSince = -1;
    private long lastCoordinatorCheck;
    private String missing = "nothing checked yet";

    MeasuredGroup(ProtocolDriver driver, String groupId, RebalanceSettings settings, ProcessingLedger ledger,
                  IntSupplier ids) {
        this.driver = driver;
        this.groupId = groupId;
        this.partitions = settings.partitions();
        this.ledger = ledger;
        this.ids = ids;
        this.settleNanos = TimeUnit.MILLISECONDS.toNanos(settings.settleMs());
        this.recentNanos = Math.max(RECENT_NANOS, 5 * TimeUnit.SECONDS.toNanos(1) / settings.ratePerPartition());
        driver.prepare(groupId);
    }

    String groupId() {
        return groupId;
    }

    int size() {
        return live.size();
    }

    /** Starts {@code count} consumers at once and waits for the group to settle. */
    void startConsumers(int count, Duration timeout) {
        for (int i = 0; i < count; i++) {
            GroupConsumer consumer = newConsumer(false);
            live.add(consumer);
            consumer.start();
        }
        forgetStableState();
        awaitSettled(settleNanos, timeout);
    }

    /**
     * Waits until the group is settled and has been for {@code quietNanos}, then does the event and
     * waits until the group is settled again; the outcome is read from the ledger.
     *
     * @param newcomerIsVictim for {@link RebalanceEvent#ADD}: the newcomer is the one the next kill stops
     * @throws NotSettled when the group does not settle in time, before or after the event
     */
    EventAnalysis.Outcome measure(RebalanceEvent event, boolean newcomerIsVictim, long quietNanos, Duration timeout) {
        Settled before = awaitSettled(Math.max(quietNanos, settleNanos), timeout);
        ledger.discardBefore(before.sinceNanos() - LEDGER_MARGIN_NANOS);
        GroupConsumer newcomer = event == RebalanceEvent.ADD ? newConsumer(newcomerIsVictim) : null;
        GroupConsumer leaving = switch (event) {
            case ADD -> null;
            case CLOSE -> live.get(0);
            case KILL -> victimToKill();
        };
        String leavingMember = leaving == null ? "" : leaving.memberId();

        CompletableFuture<Void> stopped = null;
        long eventNanos = System.nanoTime();
        switch (event) {
            case ADD -> {
                live.add(newcomer);
                newcomer.start();
            }
            case CLOSE -> {
                live.remove(leaving);
                stopped = leaving.close();
            }
            case KILL -> {
                live.remove(leaving);
                victim = null;
                stopped = leaving.kill();
            }
        }
        forgetStableState();
        if (stopped != null) {
            stopping.add(stopped);
        }

        String notKilled = event == RebalanceEvent.KILL ? stillListed(stopped, leavingMember) : null;
        Settled after = awaitSettled(settleNanos, timeout);
        if (notKilled != null) {
            throw new NotSettled(notKilled);
        }
        return EventAnalysis.of(ledger.since(before.sinceNanos() - LEDGER_MARGIN_NANOS), eventNanos, before.sinceNanos(),
                before.owners(), after.owners());
    }

    /** Waits (bounded) until the group is settled again, after a failed event. */
    void recover(Duration timeout) {
        awaitSettled(settleNanos, timeout);
    }

    /** Closes every consumer gracefully, at once, and waits for them and for those stopped by events. */
    @Override
    public void close() {
        live.forEach(consumer -> stopping.add(consumer.close()));
        live.clear();
        try {
            CompletableFuture.allOf(stopping.stream().map(f -> f.exceptionally(e -> null)).toArray(CompletableFuture[]::new))
                    .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted while closing the consumers of " + groupId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new BenchmarkFailure("the consumers of " + groupId + " did not stop within "
                    + STOP_TIMEOUT.toSeconds() + " s", e);
        }
        stopping.clear();
    }

    private GroupConsumer newConsumer(boolean asVictim) {
        int id = ids.getAsInt();
        GroupConsumer consumer = driver.consumer(id, groupId, asVictim, ledger.recorder(id));
        if (asVictim) {
            victim = consumer;
        }
        return consumer;
    }

    private GroupConsumer victimToKill() {
        if (victim == null || !live.contains(victim)) {
            throw new NotSettled("no consumer to kill: the add before the kill did not leave one in the group");
        }
        return victim;
    }

    /**
     * After a kill: the killed member must still be listed by the coordinator (else it left, and
     * the event was a leave, not a crash). Returns why the event does not count, or null.
     */
    private String stillListed(CompletableFuture<Void> killed, String memberId) {
        try {
            killed.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted while killing a consumer", e);
        } catch (ExecutionException | TimeoutException e) {
            return "the killed consumer did not stop: " + e;
        }
        if (memberId.isEmpty()) {
            return "the killed consumer had no member id";
        }
        Set<String> listed;
        try {
            listed = driver.listedMembers(groupId);
        } catch (BenchmarkFailure e) {
            return "the coordinator did not say whether the killed member is still listed: " + e.getMessage();
        }
        return listed.contains(memberId) ? null
                : "the killed member " + memberId + " was no longer listed right after the kill: it left the group";
    }

    private void forgetStableState() {
        stableOwners = null;
        stableSince = -1;
    }

    private Settled awaitSettled(long quietNanos, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long now = System.nanoTime();
            int[] owners = currentOwners(now);
            if (owners == null) {
                forgetStableState();
            } else if (!Arrays.equals(owners, stableOwners)) {
                stableOwners = owners;
                stableSince = now;
            } else if (now - stableSince >= quietNanos && coordinatorAgrees(now)) {
                return new Settled(owners, stableSince);
            }
            if (now - deadline > 0) {
                throw new NotSettled("not settled within " + timeout.toSeconds() + " s: " + missing);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkFailure("interrupted while waiting for group " + groupId, e);
            }
        }
    }

    /** The owner of each partition when the consumers' side of settled holds; null (and {@link #missing}) when not. */
    private int[] currentOwners(long now) {
        int[] owners = new int[partitions];
        Arrays.fill(owners, -1);
        int fewest = partitions / Math.max(1, live.size());
        int most = fewest + (partitions % Math.max(1, live.size()) == 0 ? 0 : 1);
        for (GroupConsumer consumer : live) {
            if (consumer.failure() != null) {
                return notYet("consumer " + consumer.id() + " failed: " + consumer.failure());
            }
            Set<Integer> owned = consumer.owned();
            if (owned.size() < fewest || owned.size() > most) {
                return notYet("consumer " + consumer.id() + " owns " + owned.size() + " partitions, not " + fewest
                        + (most == fewest ? "" : " or " + most));
            }
            for (int partition : owned) {
                if (owners[partition] >= 0) {
                    return notYet("partition " + partition + " is owned by consumers " + owners[partition] + " and "
                            + consumer.id());
                }
                owners[partition] = consumer.id();
            }
        }
        for (int p = 0; p < partitions; p++) {
            if (owners[p] < 0) {
                return notYet("partition " + p + " has no owner");
            }
            if (ledger.lastConsumer(p) != owners[p] || now - ledger.lastNanos(p) > recentNanos) {
                return notYet("partition " + p + " is not being consumed by its owner, consumer " + owners[p]);
            }
        }
        return owners;
    }

    private boolean coordinatorAgrees(long now) {
        if (now - lastCoordinatorCheck < COORDINATOR_CHECK_NANOS) {
            return false;
        }
        lastCoordinatorCheck = now;
        Map<String, Set<Integer>> ownedByMember = new HashMap<>();
        for (GroupConsumer consumer : live) {
            ownedByMember.put(consumer.memberId(), consumer.owned());
        }
        if (ownedByMember.containsKey("") || ownedByMember.size() != live.size()) {
            missing = "a consumer has no member id yet";
            return false;
        }
        try {
            List<String> differences = driver.disagreements(groupId, ownedByMember);
            missing = differences.isEmpty() ? "" : "the coordinator differs: " + String.join("; ", differences);
            return differences.isEmpty();
        } catch (BenchmarkFailure e) {
            missing = "the coordinator did not answer: " + e.getMessage();
            return false;
        }
    }

    private int[] notYet(String why) {
        missing = why;
        return null;
    }
}
