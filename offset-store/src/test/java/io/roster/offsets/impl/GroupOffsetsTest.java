package io.roster.offsets.impl;

import io.roster.offsets.CommitResult;
import io.roster.offsets.CommittedOffset;
import io.roster.offsets.GroupOwnership;
import io.roster.offsets.MemberOwnership;
import io.roster.offsets.OffsetCommit;
import io.roster.offsets.PartitionId;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of the stored value, without Hazelcast. */
class GroupOffsetsTest {

    private static final PartitionId P0 = new PartitionId("orders", 0);
    private static final PartitionId P1 = new PartitionId("orders", 1);
    private static final PartitionId P2 = new PartitionId("orders", 2);
    private static final int MAX = 8;

    private static final MemberOwnership OWNS_P0_AT_3 = new MemberOwnership(3, Set.of(P0));

    @Test
    void judgeChecksMembershipFirstThenOffsetThenMetadataThenOwnershipAndEpoch() {
        assertEquals(CommitResult.UNKNOWN_MEMBER, GroupOffsets.judge(null, 3, P0, new OffsetCommit(-1, "x".repeat(99)), MAX));
        assertEquals(CommitResult.INVALID_OFFSET, GroupOffsets.judge(OWNS_P0_AT_3, 2, P1, new OffsetCommit(-1, "x".repeat(99)), MAX));
        assertEquals(CommitResult.METADATA_TOO_LARGE, GroupOffsets.judge(OWNS_P0_AT_3, 2, P1, new OffsetCommit(0, "x".repeat(MAX + 1)), MAX));
        assertEquals(CommitResult.FENCED, GroupOffsets.judge(OWNS_P0_AT_3, 3, P1, OffsetCommit.of(0), MAX));
        assertEquals(CommitResult.FENCED, GroupOffsets.judge(OWNS_P0_AT_3, 2, P0, OffsetCommit.of(0), MAX));
        assertEquals(CommitResult.FENCED, GroupOffsets.judge(OWNS_P0_AT_3, 4, P0, OffsetCommit.of(0), MAX));
        assertEquals(CommitResult.OK, GroupOffsets.judge(OWNS_P0_AT_3, 3, P0, new OffsetCommit(0, "x".repeat(MAX)), MAX));
        assertEquals(CommitResult.OK, GroupOffsets.judge(OWNS_P0_AT_3, 3, P0, new OffsetCommit(7, null), MAX));
    }

    @Test
    void aCommitAtThePreviousEpochOfAMemberThatStillOwnsThePartitionIsAccepted() {
        MemberOwnership bumped = new MemberOwnership(5, 4, Set.of(P0));

        assertEquals(CommitResult.OK, GroupOffsets.judge(bumped, 5, P0, OffsetCommit.of(1), MAX));
        assertEquals(CommitResult.OK, GroupOffsets.judge(bumped, 4, P0, OffsetCommit.of(1), MAX), "one bump behind");
        assertEquals(CommitResult.FENCED, GroupOffsets.judge(bumped, 3, P0, OffsetCommit.of(1), MAX), "two behind");
        assertEquals(CommitResult.FENCED, GroupOffsets.judge(bumped, 4, P1, OffsetCommit.of(1), MAX),
                "no epoch makes a partition it does not own committable");
    }

    @Test
    void commitStoresOnlyAcceptedPartitionsWithTheCommitTime() {
        GroupOffsets group = GroupOffsets.newGroup(0).withOwnership(1, Map.of("m1", new MemberOwnership(3, Set.of(P0, P1))), 10);
        Map<PartitionId, OffsetCommit> commits = new LinkedHashMap<>();
        commits.put(P0, new OffsetCommit(42, "meta"));
        commits.put(P1, OffsetCommit.of(-5));
        commits.put(P2, OffsetCommit.of(9));

        GroupOffsets.CommitDecision decision = group.commit("m1", 3, commits, MAX, 1234);

        assertEquals(Map.of(P0, CommitResult.OK, P1, CommitResult.INVALID_OFFSET, P2, CommitResult.FENCED), decision.results());
        assertEquals(Map.of(P0, new CommittedOffset(42, "meta", 1234)), decision.next().offsets());
        assertEquals(Map.of(), group.offsets(), "the old state is not changed in place");
    }

    @Test
    void aCommitThatChangesNothingReturnsTheSameInstanceSoTheProcessorDoesNotWrite() {
        GroupOffsets group = GroupOffsets.newGroup(0).withOwnership(1, Map.of("m1", OWNS_P0_AT_3), 10);
        assertSame(group, group.commit("m1", 2, Map.of(P0, OffsetCommit.of(1)), MAX, 20).next());
        assertSame(group, group.commit("nobody", 3, Map.of(P0, OffsetCommit.of(1)), MAX, 20).next());
    }

    @Test
    void anAcceptedCommitMayMoveTheOffsetBackAfterARollback() {
        GroupOffsets group = GroupOffsets.newGroup(0).withOwnership(1, Map.of("m1", OWNS_P0_AT_3), 10);
        GroupOffsets at100 = group.commit("m1", 3, Map.of(P0, OffsetCommit.of(100)), MAX, 20).next();
        GroupOffsets at90 = at100.commit("m1", 3, Map.of(P0, OffsetCommit.of(90)), MAX, 30).next();
        assertEquals(90, at90.offsets().get(P0).offset());
    }

    @Test
    void emptySinceIsSetWhenTheTableEmptiesKeptWhileEmptyAndClearedByMembers() {
        GroupOffsets created = GroupOffsets.newGroup(100);
        assertEquals(100, created.emptySinceMs());

        GroupOffsets withMember = created.withOwnership(1, Map.of("m1", OWNS_P0_AT_3), 200);
        assertEquals(GroupOwnership.NOT_EMPTY, withMember.emptySinceMs());

        GroupOffsets emptied = withMember.withOwnership(2, Map.of(), 300);
        assertEquals(300, emptied.emptySinceMs());
        assertEquals(300, emptied.withOwnership(3, Map.of(), 400).emptySinceMs(), "still empty: the clock keeps running");
    }

    @Test
    void expiredOnlyWithoutMembersAndAfterTheWholeRetention() {
        GroupOffsets emptied = GroupOffsets.newGroup(0).withOwnership(1, Map.of("m1", OWNS_P0_AT_3), 0).withOwnership(2, Map.of(), 1000);
        assertFalse(emptied.expired(1999, 1000));
        assertTrue(emptied.expired(2000, 1000));
        assertFalse(emptied.withOwnership(3, Map.of("m1", OWNS_P0_AT_3), 1500).expired(1_000_000, 1000));
    }

    @Test
    void resetSetsOffsetsClearsMetadataAndRestartsRetention() {
        GroupOffsets owned = GroupOffsets.newGroup(0).withOwnership(1, Map.of("m1", new MemberOwnership(3, Set.of(P0, P1))), 0);
        GroupOffsets group = owned.commit("m1", 3, Map.of(P0, new OffsetCommit(10, "a"), P1, new OffsetCommit(11, "b")), MAX, 5).next();
        GroupOffsets emptied = group.withOwnership(2, Map.of(), 100);

        GroupOffsets reset = emptied.withResetOffsets(Map.of(P0, 0L, P2, 7L), 500);

        assertEquals(Map.of(P0, new CommittedOffset(0, null, 500), P1, new CommittedOffset(11, "b", 5),
                P2, new CommittedOffset(7, null, 500)), reset.offsets());
        assertEquals(500, reset.emptySinceMs());
        assertThrows(IllegalStateException.class, () -> group.withResetOffsets(Map.of(P0, 0L), 500));
    }

    @Test
    void aTableWithTwoOwnersOfOnePartitionIsRejectedNamingBoth() {
        Map<String, MemberOwnership> table = new LinkedHashMap<>();
        table.put("m1", new MemberOwnership(1, Set.of(P0, P1)));
        table.put("m2", new MemberOwnership(1, Set.of(P1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GroupOffsets.requireSingleOwners(table));
        assertTrue(e.getMessage().contains("orders-1") && e.getMessage().contains("'m1'") && e.getMessage().contains("'m2'"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GroupOffsets.newGroup(0).withOwnership(1, table, 0));
    }

    @Test
    void fetchSelectsRequestedPartitionsThatHaveAnOffset() {
        GroupOffsets group = GroupOffsets.newGroup(0).withResetOffsets(Map.of(P0, 1L, P1, 2L), 9);
        assertEquals(Map.of(P1, new CommittedOffset(2, null, 9)), group.offsets(Set.of(P1, P2)));
        assertEquals(2, group.offsets(Set.of()).size());
    }
}
