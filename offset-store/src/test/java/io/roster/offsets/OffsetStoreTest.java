package io.roster.offsets;

import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static io.roster.offsets.TestMembers.await;
import static io.roster.offsets.TestMembers.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store's API against one real embedded member, shared by the tests; each test has its own group. */
class OffsetStoreTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final PartitionId P0 = new PartitionId("orders", 0);
    private static final PartitionId P1 = new PartitionId("orders", 1);
    private static final PartitionId P2 = new PartitionId("orders", 2);
    private static final PartitionId P3 = new PartitionId("orders", 3);

    private static HazelcastInstance member;
    private static TestClock clock;
    private static OffsetStore store;

    @BeforeAll
    static void startMember() {
        member = TestMembers.start(OffsetStoreTest.class, OffsetStoreConfig.defaults());
        clock = new TestClock(T0);
        store = new OffsetStore(member, OffsetStoreConfig.defaults(), clock);
    }

    @AfterAll
    static void stopMember() {
        if (member != null) {
            member.shutdown();
        }
    }

    private static String newGroup() {
        return "group-" + UUID.randomUUID();
    }

    private static Map<String, MemberOwnership> owns(String memberId, int epoch, PartitionId... partitions) {
        return Map.of(memberId, new MemberOwnership(epoch, Set.of(partitions)));
    }

    @Test
    void commitThenFetchReturnsOffsetsMetadataAndCommitTime() {
        String group = newGroup();
        assertTrue(await(store.publishOwnership(group, 1, owns("m1", 1, P0, P1))));

        Map<PartitionId, CommitResult> results = await(store.commit(group, "m1", 1,
                Map.of(P0, new OffsetCommit(10, "batch-7"), P1, OffsetCommit.of(20))));

        assertEquals(Map.of(P0, CommitResult.OK, P1, CommitResult.OK), results);
        assertEquals(Map.of(P0, new CommittedOffset(10, "batch-7", clock.millis()), P1, new CommittedOffset(20, null, clock.millis())),
                await(store.fetch(group)));
        assertEquals(Map.of(P1, new CommittedOffset(20, null, clock.millis())), await(store.fetch(group, Set.of(P1, P3))),
                "only requested partitions that have an offset");
    }

    @Test
    void fetchOfAnUnknownGroupIsEmpty() {
        assertEquals(Map.of(), await(store.fetch(newGroup())));
        assertEquals(Optional.empty(), await(store.ownership(newGroup())));
    }

    @Test
    void aMemberThatDoesNotOwnThePartitionIsFencedAndChangesNothing() {
        String group = newGroup();
        Map<String, MemberOwnership> table = new LinkedHashMap<>();
        table.put("m1", new MemberOwnership(4, Set.of(P0)));
        table.put("m2", new MemberOwnership(6, Set.of(P1)));
        await(store.publishOwnership(group, 1, table));
        assertEquals(Map.of(P0, CommitResult.OK), await(store.commit(group, "m1", 4, Map.of(P0, new OffsetCommit(5, "mine")))));

        assertEquals(Map.of(P0, CommitResult.FENCED), await(store.commit(group, "m2", 6, Map.of(P0, new OffsetCommit(99, "zombie")))));

        assertEquals(new CommittedOffset(5, "mine", T0), await(store.fetch(group)).get(P0));
    }

    @Test
    void aStaleOrFutureEpochIsFencedAndChangesNothing() {
        String group = newGroup();
        await(store.publishOwnership(group, 1, owns("m1", 1, P0)));
        assertEquals(CommitResult.OK, await(store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(5)))).get(P0));
        await(store.publishOwnership(group, 2, owns("m1", 2, P0)));

        assertEquals(CommitResult.FENCED, await(store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(6)))).get(P0));
        assertEquals(CommitResult.FENCED, await(store.commit(group, "m1", 3, Map.of(P0, OffsetCommit.of(7)))).get(P0));
        assertEquals(5, await(store.fetch(group)).get(P0).offset());

        assertEquals(CommitResult.OK, await(store.commit(group, "m1", 2, Map.of(P0, OffsetCommit.of(8)))).get(P0));
        assertEquals(8, await(store.fetch(group)).get(P0).offset());
    }

    @Test
    void aMemberNotInTheTableIsUnknownForEveryPartition() {
        String group = newGroup();
        await(store.publishOwnership(group, 1, owns("m1", 1, P0, P1)));

        assertEquals(Map.of(P0, CommitResult.UNKNOWN_MEMBER, P1, CommitResult.UNKNOWN_MEMBER),
                await(store.commit(group, "m9", 1, Map.of(P0, OffsetCommit.of(1), P1, OffsetCommit.of(-1)))));
        assertEquals(Map.of(), await(store.fetch(group)));
    }

    @Test
    void aCommitToAGroupNeverPublishedIsUnknownAndCreatesNothing() {
        String group = newGroup();
        assertEquals(Map.of(P0, CommitResult.UNKNOWN_MEMBER), await(store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(1)))));
        assertEquals(Optional.empty(), await(store.ownership(group)));
    }

    @Test
    void eachPartitionIsJudgedOnItsOwn() {
        String group = newGroup();
        await(store.publishOwnership(group, 1, owns("m1", 2, P0, P1, P2, P3)));
        PartitionId notOwned = new PartitionId("payments", 0);
        Map<PartitionId, OffsetCommit> commits = Map.of(
                P0, new OffsetCommit(10, "ok"),
                P1, new OffsetCommit(-1, "negative"),
                P2, new OffsetCommit(12, "x".repeat(4097)),
                P3, new OffsetCommit(13, "y".repeat(4096)),
                notOwned, OffsetCommit.of(14));

        Map<PartitionId, CommitResult> results = await(store.commit(group, "m1", 2, commits));

        assertEquals(Map.of(P0, CommitResult.OK, P1, CommitResult.INVALID_OFFSET, P2, CommitResult.METADATA_TOO_LARGE,
                P3, CommitResult.OK, notOwned, CommitResult.FENCED), results);
        Map<PartitionId, CommittedOffset> stored = await(store.fetch(group));
        assertEquals(Set.of(P0, P3), stored.keySet());
        assertEquals("y".repeat(4096), stored.get(P3).metadata());
    }

    @Test
    void anOwnerMayCommitALowerOffsetAfterARollback() {
        String group = newGroup();
        await(store.publishOwnership(group, 1, owns("m1", 1, P0)));
        await(store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(100))));
        assertEquals(CommitResult.OK, await(store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(90)))).get(P0));
        assertEquals(90, await(store.fetch(group)).get(P0).offset());
    }

    @Test
    void aStalePublishIsIgnored() {
        String group = newGroup();
        assertTrue(await(store.publishOwnership(group, 2, owns("m1", 5, P0))));

        assertFalse(await(store.publishOwnership(group, 1, owns("m2", 1, P0))), "older version");
        assertFalse(await(store.publishOwnership(group, 2, owns("m2", 1, P0))), "same version");

        GroupOwnership ownership = await(store.ownership(group)).orElseThrow();
        assertEquals(2, ownership.version());
        assertEquals(owns("m1", 5, P0), ownership.members());
        assertEquals(CommitResult.UNKNOWN_MEMBER, await(store.commit(group, "m2", 1, Map.of(P0, OffsetCommit.of(1)))).get(P0));
        assertEquals(CommitResult.OK, await(store.commit(group, "m1", 5, Map.of(P0, OffsetCommit.of(1)))).get(P0));
    }

    @Test
    void aTableWithTwoOwnersOfOnePartitionIsRejectedBeforeAnythingIsSent() {
        String group = newGroup();
        Map<String, MemberOwnership> table = new LinkedHashMap<>();
        table.put("m1", new MemberOwnership(1, Set.of(P0, P1)));
        table.put("m2", new MemberOwnership(1, Set.of(P1, P2)));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.publishOwnership(group, 1, table));

        assertTrue(e.getMessage().contains("orders-1"), e.getMessage());
        assertEquals(Optional.empty(), await(store.ownership(group)));
    }

    @Test
    void resetAndDeleteAreRefusedWhileTheGroupHasLiveMembers() {
        String group = newGroup();
        Map<String, MemberOwnership> table = new LinkedHashMap<>();
        table.put("m1", new MemberOwnership(1, Set.of(P0)));
        table.put("m2", new MemberOwnership(1, Set.of(P1)));
        await(store.publishOwnership(group, 1, table));
        await(store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(5))));

        Throwable resetFailure = failureOf(store.reset(group, Map.of(P0, 0L)));
        Throwable deleteFailure = failureOf(store.delete(group));

        for (Throwable failure : new Throwable[] {resetFailure, deleteFailure}) {
            GroupNotEmptyException notEmpty = assertInstanceOf(GroupNotEmptyException.class, failure);
            assertEquals(group, notEmpty.group());
            assertEquals(2, notEmpty.liveMembers());
            assertTrue(notEmpty.getMessage().contains(group) && notEmpty.getMessage().contains("2 live members"),
                    notEmpty.getMessage());
        }
        assertEquals(5, await(store.fetch(group)).get(P0).offset());
        assertEquals(1, await(store.ownership(group)).orElseThrow().version());
    }

    @Test
    void resetAndDeleteAreAllowedOnceTheGroupIsEmpty() {
        String group = newGroup();
        await(store.publishOwnership(group, 1, owns("m1", 1, P0, P1)));
        await(store.commit(group, "m1", 1, Map.of(P0, new OffsetCommit(50, "a"), P1, new OffsetCommit(60, "b"))));
        await(store.publishOwnership(group, 2, Map.of()));
        clock.advance(1000);
        long resetTime = clock.millis();

        await(store.reset(group, Map.of(P0, 0L, P2, 7L)));

        assertEquals(Map.of(P0, new CommittedOffset(0, null, resetTime), P1, new CommittedOffset(60, "b", T0),
                P2, new CommittedOffset(7, null, resetTime)), await(store.fetch(group)));
        assertTrue(await(store.delete(group)));
        assertEquals(Map.of(), await(store.fetch(group)));
        assertEquals(Optional.empty(), await(store.ownership(group)));
        assertFalse(await(store.delete(group)), "already gone");
    }

    @Test
    void resetOfAGroupTheStoreDoesNotKnowCreatesIt() {
        String group = newGroup();
        await(store.reset(group, Map.of(P3, 42L)));
        assertEquals(42, await(store.fetch(group)).get(P3).offset());
        GroupOwnership ownership = await(store.ownership(group)).orElseThrow();
        assertEquals(0, ownership.version());
        assertTrue(ownership.isEmpty());
        assertEquals(clock.millis(), ownership.emptySinceMs());
    }

    @Test
    void aNegativeResetOffsetIsRejectedNamingThePartitionBeforeAnythingIsSent() {
        String group = newGroup();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.reset(group, Map.of(P0, 3L, P2, -1L)));
        assertTrue(e.getMessage().contains("orders-2"), e.getMessage());
        assertEquals(Optional.empty(), await(store.ownership(group)));
    }

    @Test
    void ownershipShowsWhenTheGroupBecameEmpty() {
        String group = newGroup();
        await(store.publishOwnership(group, 1, owns("m1", 1, P0)));
        assertEquals(GroupOwnership.NOT_EMPTY, await(store.ownership(group)).orElseThrow().emptySinceMs());

        await(store.publishOwnership(group, 2, Map.of()));

        GroupOwnership ownership = await(store.ownership(group)).orElseThrow();
        assertTrue(ownership.isEmpty());
        assertEquals(clock.millis(), ownership.emptySinceMs());
    }

    @Test
    void invalidArgumentsAreRejectedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> store.publishOwnership(newGroup(), 0, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> store.reset(newGroup(), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> store.commit("", "m1", 1, Map.of(P0, OffsetCommit.of(1))));
        assertThrows(NullPointerException.class, () -> store.commit(newGroup(), null, 1, Map.of(P0, OffsetCommit.of(1))));
        assertEquals(Map.of(), await(store.commit(newGroup(), "m1", 1, Map.of())));
    }

    @Test
    void stagesCompleteOnTheGivenExecutor() throws InterruptedException {
        LinkedBlockingQueue<Runnable> completions = new LinkedBlockingQueue<>();
        OffsetStore onExecutor = new OffsetStore(member, OffsetStoreConfig.defaults(), clock, completions::add);

        CompletableFuture<Boolean> published = onExecutor.publishOwnership(newGroup(), 1, owns("m1", 1, P0)).toCompletableFuture();

        Runnable completion = completions.poll(10, TimeUnit.SECONDS);
        assertNotNull(completion, "Hazelcast handed the completion to the executor");
        assertFalse(published.isDone(), "not completed before the executor ran it");
        completion.run();
        assertTrue(published.getNow(false));
    }

    @Test
    void aStageFailsRatherThanHangsWhenTheExecutorRefusesItsCompletion() {
        OffsetStore refusing = new OffsetStore(member, OffsetStoreConfig.defaults(), clock, command -> {
            throw new RejectedExecutionException("shut down");
        });

        assertInstanceOf(RejectedExecutionException.class, failureOf(refusing.fetch(newGroup())));
    }

    @Test
    void aMemberWhoseConfigWasNotPreparedIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new OffsetStore(member, OffsetStoreConfig.defaults().withMapName("not-configured")));
        assertTrue(e.getMessage().contains("OffsetStore.configure"), e.getMessage());
    }
}
