package io.roster.offsets;

import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.roster.offsets.TestMembers.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many threads commit, as either of two members and at the current, previous or next epoch, while the
 * coordinator keeps moving two partitions between the members. At version {@code v} both members have
 * epoch {@code v}; member A owns orders-0 when {@code v} is odd and orders-1 when it is even, B the other.
 * So at any moment exactly one (member, epoch) may write each partition, and an accepted commit tells which
 * table it was judged against.
 */
class FencingRaceTest {

    private static final int ROUNDS = 100;
    private static final int ATTEMPTS_PER_ROUND = 24;
    private static final int COMMITTERS = 4;
    private static final PartitionId P0 = new PartitionId("orders", 0);
    private static final PartitionId P1 = new PartitionId("orders", 1);
    private static final List<PartitionId> PARTITIONS = List.of(P0, P1);
    private static final String GROUP = "race";

    private static HazelcastInstance member;
    private static OffsetStore store;

    @BeforeAll
    static void startMember() {
        member = TestMembers.start(FencingRaceTest.class, OffsetStoreConfig.defaults());
        // Complete on the Hazelcast thread that finished the operation: the committers only wait on the result,
        // and it spares the thread per completion that the default executor starts on a 2-core machine.
        store = new OffsetStore(member, OffsetStoreConfig.defaults(), Clock.systemUTC(), Runnable::run);
    }

    @AfterAll
    static void stopMember() {
        if (member != null) {
            member.shutdown();
        }
    }

    private static String ownerOf(PartitionId partition, long version) {
        boolean aOwnsP0 = version % 2 == 1;
        return (partition.equals(P0) == aOwnsP0) ? "A" : "B";
    }

    private static Map<String, MemberOwnership> table(long version) {
        int epoch = (int) version;
        Set<PartitionId> ofA = Set.of(ownerOf(P0, version).equals("A") ? P0 : P1);
        Set<PartitionId> ofB = Set.of(ofA.contains(P0) ? P1 : P0);
        return Map.of("A", new MemberOwnership(epoch, ofA), "B", new MemberOwnership(epoch, ofB));
    }

    /** Metadata of every commit: who wrote it, at which epoch, and a unique sequence number. */
    private record Stamp(String memberId, long epoch, long seq) {
        static Stamp parse(String metadata) {
            String[] parts = metadata.split(":");
            return new Stamp(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        }

        String metadata() {
            return memberId + ":" + epoch + ":" + seq;
        }
    }

    @Test
    void noCommitLandsUnlessItsMemberOwnsThePartitionAtThatEpochWhenItIsWritten() throws Exception {
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        Map<Long, Stamp> accepted = new ConcurrentHashMap<>();
        List<CommittedOffset> observed = new ArrayList<>();
        AtomicLong acknowledgedVersion = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        AtomicInteger fenced = new AtomicInteger();
        Semaphore attempts = new Semaphore(0);
        AtomicInteger running = new AtomicInteger(1);

        assertTrue(await(store.publishOwnership(GROUP, 1, table(1))));
        acknowledgedVersion.set(1);

        ExecutorService committers = Executors.newFixedThreadPool(COMMITTERS);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < COMMITTERS; i++) {
            futures.add(committers.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (running.get() == 1) {
                    long seen = acknowledgedVersion.get();
                    String memberId = random.nextBoolean() ? "A" : "B";
                    long epoch = Math.max(1, seen + random.nextInt(-1, 2));
                    PartitionId partition = PARTITIONS.get(random.nextInt(2));
                    Stamp stamp = new Stamp(memberId, epoch, sequence.incrementAndGet());

                    CommitResult result = await(store.commit(GROUP, memberId, (int) epoch,
                            Map.of(partition, new OffsetCommit(stamp.seq(), stamp.metadata())))).get(partition);

                    if (result == CommitResult.OK) {
                        accepted.put(stamp.seq(), stamp);
                        if (!ownerOf(partition, epoch).equals(memberId)) {
                            violations.add("accepted " + stamp + " on " + partition + " owned by " + ownerOf(partition, epoch));
                        }
                        if (epoch < seen) {
                            violations.add("accepted " + stamp + " on " + partition + " sent after version " + seen
                                    + " was acknowledged");
                        }
                    } else if (result == CommitResult.FENCED) {
                        fenced.incrementAndGet();
                    } else {
                        violations.add("unexpected " + result + " for " + stamp);
                    }
                    attempts.release();
                }
                return null;
            }));
        }

        try {
            for (long version = 2; version <= ROUNDS; version++) {
                assertTrue(await(store.publishOwnership(GROUP, version, table(version))));
                acknowledgedVersion.set(version);
                Map<PartitionId, CommittedOffset> atSwitch = await(store.fetch(GROUP));

                attempts.drainPermits();
                assertTrue(attempts.tryAcquire(ATTEMPTS_PER_ROUND, 30, TimeUnit.SECONDS), "committers made no progress");

                // Between the acknowledged publish of `version` and now, only epoch `version` may have written.
                Map<PartitionId, CommittedOffset> later = await(store.fetch(GROUP));
                for (PartitionId partition : PARTITIONS) {
                    CommittedOffset now = later.get(partition);
                    if (now != null && Stamp.parse(now.metadata()).epoch() < version && !now.equals(atSwitch.get(partition))) {
                        violations.add("a write at epoch " + Stamp.parse(now.metadata()).epoch() + " landed on " + partition
                                + " after version " + version + " was acknowledged");
                    }
                }
                observed.addAll(atSwitch.values());
                observed.addAll(later.values());
            }
        } finally {
            running.set(0);
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
            committers.shutdown();
        }

        observed.addAll(await(store.fetch(GROUP)).values());
        for (CommittedOffset stored : observed) {
            Stamp stamp = Stamp.parse(stored.metadata());
            if (!stamp.equals(accepted.get(stamp.seq())) || stored.offset() != stamp.seq()) {
                violations.add("stored " + stored + " was never acknowledged as accepted");
            }
        }

        assertEquals(List.of(), List.copyOf(violations).subList(0, Math.min(10, violations.size())));
        assertTrue(accepted.size() >= ROUNDS / 2, "too few accepted commits to mean anything: " + accepted.size());
        assertTrue(fenced.get() >= ROUNDS, "too few fenced commits to mean anything: " + fenced.get());
    }
}
