package io.roster.offsets;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.roster.offsets.TestMembers.await;
import static io.roster.offsets.TestMembers.failureOf;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Synchronous durable changes on two members, each with its own log: a change is written once, by the
 * member that made it (whichever member holds the group), before it is stored; a commit the log refuses stores nothing; a commit waiting for its log
 * holds up the later changes of its own group only. Resets log their offsets, deletes and expiries their
 * tombstones, and a reset, delete or expiry the log refuses changes nothing.
 */
class DurableChangesTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final PartitionId P0 = new PartitionId("orders", 0);
    private static final PartitionId P1 = new PartitionId("orders", 1);
    private static final DurableOffsetsConfig SYNC = DurableOffsetsConfig.of(DurabilityMode.SYNC).withTimeoutMs(30_000);

    private static final RecordingLog firstLog = new RecordingLog();
    private static final RecordingLog secondLog = new RecordingLog();
    private static HazelcastInstance first;
    private static HazelcastInstance second;
    private static TestClock clock;
    private static OffsetStore store;
    private static final List<OffsetLogLoader> loaders = new java.util.ArrayList<>();

    @BeforeAll
    static void startCluster() {
        String cluster = TestMembers.clusterName(DurableChangesTest.class);
        first = Hazelcast.newHazelcastInstance(durable(TestMembers.config(cluster, OffsetStoreConfig.defaults()), firstLog));
        int firstPort = first.getCluster().getLocalMember().getAddress().getPort();
        second = Hazelcast.newHazelcastInstance(durable(TestMembers.config(cluster, OffsetStoreConfig.defaults(),
                "127.0.0.1:" + firstPort), secondLog));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> first.getCluster().getMembers().size() == 2 && second.getCluster().getMembers().size() == 2);
        clock = new TestClock(T0);
        store = new OffsetStore(first, OffsetStoreConfig.defaults(), clock);
        // An empty log: the first member loads nothing, then both serve.
        loaders.add(OffsetLogLoader.start(first, store));
        OffsetStore secondStore = new OffsetStore(second, OffsetStoreConfig.defaults(), clock);
        loaders.add(OffsetLogLoader.start(second, secondStore));
        await().atMost(Duration.ofSeconds(30)).until(() -> store.loaded() && secondStore.loaded());
    }

    private static Config durable(Config config, RecordingLog log) {
        return new DurableOffsets(log, SYNC).install(config);
    }

    @AfterAll
    static void stopCluster() {
        loaders.forEach(OffsetLogLoader::close);
        for (HazelcastInstance member : new HazelcastInstance[] {first, second}) {
            if (member != null) {
                member.getLifecycleService().terminate();
            }
        }
    }

    private static String groupOwnedBy(HazelcastInstance owner) {
        while (true) {
            String group = "group-" + UUID.randomUUID();
            if (first.getPartitionService().getPartition(group).getOwner().equals(owner.getCluster().getLocalMember())) {
                return group;
            }
        }
    }

    private static void publish(String group, long version, PartitionId... partitions) {
        await(store.publishOwnership(group, version, Map.of("m1", new MemberOwnership(1, Set.of(partitions)))));
    }

    private static List<OffsetLogRecord> logged(String group) {
        return java.util.stream.Stream.concat(firstLog.records(group).stream(), secondLog.records(group).stream()).toList();
    }

    @Test
    void aCommitIsLoggedOnceByThePrimaryReplicaWithAGrowingSeq() {
        for (HazelcastInstance owner : List.of(first, second)) {
            String group = groupOwnedBy(owner);
            RecordingLog ownerLog = firstLog; // the store's member appends, wherever the group lives
            publish(group, 1, P0, P1);
            long at = clock.millis();
            await(store.commit(group, "m1", 1, Map.of(P0, new OffsetCommit(10, "a"), P1, OffsetCommit.of(20))));
            clock.advance(1);
            await(store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(11))));

            List<OffsetLogRecord> records = ownerLog.records(group);
            assertEquals(records, logged(group), "only the member that made the change writes; backups apply its decision");
            assertEquals(3, records.size(), records.toString());
            assertEquals(new CommittedOffset(10, "a", at), records.stream().filter(r -> r.partition().equals(P0))
                    .findFirst().orElseThrow().committed());
            assertEquals(records.get(0).seq(), records.get(1).seq(), "one commit, one seq");
            assertTrue(records.get(2).seq() > records.get(0).seq(), records.toString());
            assertEquals(11, await(store.fetch(group)).get(P0).offset());
        }
    }

    @Test
    void aCommitIsStoredOnlyAfterTheLogAcknowledgedIt() {
        String group = groupOwnedBy(second);
        publish(group, 1, P0);
        await(store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(5))));
        firstLog.hold(group::equals);
        try {
            CompletableFuture<Map<PartitionId, CommitResult>> commit =
                    store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(6))).toCompletableFuture();
            // Reads do not wait for the key's lock, and see the offset before the commit.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !commit.isDone());
            assertEquals(5, await(store.fetch(group)).get(P0).offset());
            firstLog.release();
            assertEquals(Map.of(P0, CommitResult.OK), await(commit));
            assertEquals(6, await(store.fetch(group)).get(P0).offset());
        } finally {
            firstLog.release();
        }
    }

    @Test
    void aCommitTheLogRefusesStoresNothingAndALaterCommitOutranksIt() {
        String group = groupOwnedBy(first);
        publish(group, 1, P0);
        await(store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(100))));
        long before = firstLog.records(group).get(0).seq();
        firstLog.failing(true);
        try {
            Throwable failure = failureOf(store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(200))));
            assertInstanceOf(OffsetsUnavailableException.class, failure);
            assertTrue(failure.getMessage().contains("nothing was stored"), failure.getMessage());
        } finally {
            firstLog.failing(false);
        }
        assertEquals(100, await(store.fetch(group)).get(P0).offset(), "the refused commit changed nothing");
        await(store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(300))));
        List<OffsetLogRecord> records = firstLog.records(group);
        assertEquals(2, records.size(), records.toString());
        // The refused write took seq before + 1 (at this clock): had it reached the log late, 300 still outranks it.
        assertTrue(records.get(1).seq() > before + 1, records.toString());
    }

    /** Offloaded: the partition thread is free while a commit waits for its log. */
    @Test
    void aCommitWaitingForTheLogHoldsUpOnlyTheLaterChangesOfItsGroup() {
        String slow = groupOwnedBy(first);
        Partition partition = first.getPartitionService().getPartition(slow);
        String neighbour;
        do {
            neighbour = groupOwnedBy(first);
        } while (first.getPartitionService().getPartition(neighbour).getPartitionId() != partition.getPartitionId());
        publish(slow, 1, P0);
        publish(neighbour, 1, P0);
        firstLog.hold(slow::equals);
        try {
            CompletableFuture<Map<PartitionId, CommitResult>> waiting =
                    store.commit(slow, "m1", 1, Map.of(P0, OffsetCommit.of(1))).toCompletableFuture();
            await().atMost(Duration.ofSeconds(5)).until(() -> !waiting.isDone());
            // Same Hazelcast partition, other group: not held up.
            assertEquals(Map.of(P0, CommitResult.OK), await(store.commit(neighbour, "m1", 1, Map.of(P0, OffsetCommit.of(2)))));
            // Same group: a publish waits for the commit, so it cannot come between its check and its write.
            CompletableFuture<Boolean> publish = store.publishOwnership(slow, 2, Map.of()).toCompletableFuture();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !publish.isDone());
            assertFalse(waiting.isDone());
            firstLog.release();
            assertEquals(Map.of(P0, CommitResult.OK), await(waiting));
            assertTrue(await(publish));
        } finally {
            firstLog.release();
        }
    }

    @Test
    void aResetIsLoggedAboveTheGroupsCommitsAndARefusedOneChangesNothing() {
        String group = groupOwnedBy(second);
        publish(group, 1, P0, P1);
        await(store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(500), P1, OffsetCommit.of(600))));
        await(store.publishOwnership(group, 2, Map.of()));
        clock.advance(1);
        long at = clock.millis();
        await(store.reset(group, Map.of(P0, 7L)));
        List<OffsetLogRecord> records = firstLog.records(group);
        OffsetLogRecord reset = records.get(records.size() - 1);
        assertEquals(OffsetLogRecord.offset(group, P0, reset.seq(), new CommittedOffset(7, null, at)), reset);
        assertTrue(reset.seq() > records.get(0).seq(), "a reset outranks the commits before it: " + records);

        firstLog.failing(true);
        try {
            assertInstanceOf(OffsetsUnavailableException.class, failureOf(store.reset(group, Map.of(P0, 1L, P1, 1L))));
        } finally {
            firstLog.failing(false);
        }
        assertEquals(Map.of(P0, 7L, P1, 600L), offsets(group));
    }

    @Test
    void aDeleteLogsATombstonePerPartitionAndARefusedOneKeepsTheGroup() {
        String group = groupOwnedBy(first);
        publish(group, 1, P0, P1);
        await(store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(1), P1, OffsetCommit.of(2))));
        await(store.publishOwnership(group, 2, Map.of()));

        firstLog.failing(true);
        try {
            assertInstanceOf(OffsetsUnavailableException.class, failureOf(store.delete(group)));
        } finally {
            firstLog.failing(false);
        }
        assertEquals(Map.of(P0, 1L, P1, 2L), offsets(group), "a refused delete keeps everything");

        clock.advance(1);
        assertTrue(await(store.delete(group)));
        List<OffsetLogRecord> records = firstLog.records(group);
        List<OffsetLogRecord> tombstones = records.subList(records.size() - 2, records.size());
        assertEquals(List.of(OffsetLogRecord.tombstone(group, P0, tombstones.get(0).seq()),
                OffsetLogRecord.tombstone(group, P1, tombstones.get(0).seq())), tombstones);
        assertTrue(tombstones.get(0).seq() > records.get(0).seq(), records.toString());
        assertEquals(Map.of(), await(store.fetch(group)));
    }

    @Test
    void anExpiryLogsTombstonesAndARefusedOneIsRetriedInTheNextRun() {
        OffsetStore shortRetention = new OffsetStore(first, OffsetStoreConfig.defaults().withRetentionMs(1_000), clock);
        String group = groupOwnedBy(first);
        publish(group, 1, P0);
        await(store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(3))));
        await(store.publishOwnership(group, 2, Map.of()));
        clock.advance(1_000);

        firstLog.failing(true);
        try {
            await(shortRetention.expireEmptyGroups());
        } finally {
            firstLog.failing(false);
        }
        assertEquals(Map.of(P0, 3L), offsets(group), "kept while its tombstones cannot be logged");

        assertTrue(await(shortRetention.expireEmptyGroups()) >= 1);
        assertEquals(Map.of(), await(store.fetch(group)));
        List<OffsetLogRecord> records = firstLog.records(group);
        assertEquals(OffsetLogRecord.tombstone(group, P0, records.get(records.size() - 1).seq()), records.get(records.size() - 1));
    }

    private static Map<PartitionId, Long> offsets(String group) {
        Map<PartitionId, Long> offsets = new java.util.HashMap<>();
        await(store.fetch(group)).forEach((partition, committed) -> offsets.put(partition, committed.offset()));
        return offsets;
    }
}
