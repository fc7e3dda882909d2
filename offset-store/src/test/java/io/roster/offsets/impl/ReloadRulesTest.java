package io.roster.offsets.impl;

import io.roster.offsets.CommittedOffset;
import io.roster.offsets.MemberOwnership;
import io.roster.offsets.OffsetCommit;
import io.roster.offsets.OffsetLogRecord;
import io.roster.offsets.PartitionId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What a cold start reloads: the replay's highest-seq rule and tombstones, and the merge that never lowers. */
class ReloadRulesTest {

    private static final PartitionId P0 = new PartitionId("orders", 0);
    private static final PartitionId P1 = new PartitionId("orders", 1);

    private static OffsetLogRecord offset(String group, PartitionId partition, long seq, long offset) {
        return OffsetLogRecord.offset(group, partition, seq, new CommittedOffset(offset, null, seq));
    }

    private static Map<String, Map<PartitionId, OffsetLogRecord>> replay(OffsetLogRecord... records) {
        OffsetLogReplay replay = new OffsetLogReplay();
        for (OffsetLogRecord record : records) {
            replay.accept(record);
        }
        assertEquals(records.length, replay.records());
        return replay.groups();
    }

    @Test
    void thePartitionsRecordWithTheHighestSeqWinsWhateverItsPlaceInTheLog() {
        OffsetLogRecord newest = offset("g", P0, 9, 900);
        // A record of an older change that reached the log late (written by a member that lost the group).
        assertEquals(Map.of("g", Map.of(P0, newest)), replay(offset("g", P0, 1, 100), newest, offset("g", P0, 5, 500)));
    }

    @Test
    void ofTwoRecordsWithOneSeqTheLaterInTheLogWins() {
        OffsetLogRecord later = offset("g", P0, 7, 2);
        assertEquals(Map.of("g", Map.of(P0, later)), replay(offset("g", P0, 7, 1), later));
    }

    @Test
    void partitionsAndGroupsAreIndependent() {
        OffsetLogRecord a0 = offset("a", P0, 3, 30);
        OffsetLogRecord a1 = offset("a", P1, 1, 10);
        OffsetLogRecord b0 = offset("b", P0, 1, 1);
        assertEquals(Map.of("a", Map.of(P0, a0, P1, a1), "b", Map.of(P0, b0)), replay(a1, b0, a0));
    }

    @Test
    void aTombstoneRemovesTheOffsetsBeforeItAndAStaleRecordAfterItDoesNotBringThemBack() {
        assertEquals(Map.of(), replay(offset("g", P0, 1, 10), OffsetLogRecord.tombstone("g", P0, 2), offset("g", P0, 1, 10)));
    }

    @Test
    void aGroupCreatedAgainAfterItsDeleteIsReloadedFromItsNewRecords() {
        OffsetLogRecord recreated = offset("g", P0, 5_000, 3);
        assertEquals(Map.of("g", Map.of(P0, recreated)),
                replay(offset("g", P0, 10, 100), OffsetLogRecord.tombstone("g", P0, 11), recreated));
    }

    @Test
    void aGroupWithoutLoggedChangesTakesEveryReloadedOffset() {
        // Created by a heartbeat's publish while the reload ran: members, no offsets, nothing logged.
        GroupOffsets published = GroupOffsets.newGroup(0).withOwnership(1, Map.of("m1", new MemberOwnership(1, Set.of(P0))), 0);
        GroupOffsets merged = published.withReloaded(List.of(offset("g", P0, 4, 40), offset("g", P1, 6, 60)));
        assertEquals(Map.of(P0, new CommittedOffset(40, null, 4), P1, new CommittedOffset(60, null, 6)), merged.offsets());
        assertEquals(6, merged.logSeq());
        assertEquals(published.members(), merged.members(), "membership is the heartbeats' business");
    }

    @Test
    void theMergeNeverLowersWhatAGroupLoggedItselfAndDoesNothingTheSecondTime() {
        GroupOffsets group = GroupOffsets.newGroup(0).withOwnership(1, Map.of("m1", new MemberOwnership(1, Set.of(P0, P1))), 0);
        GroupOffsets committed = group.commit("m1", 1, Map.of(P0, OffsetCommit.of(700)), 4096, 50).next().withLogSeq(50);
        // P0 was committed at seq 50, above the log's record: kept. P1 has no offset, and a record above the
        // group's seq would be taken, but this one is below it: it was deleted since.
        GroupOffsets merged = committed.withReloaded(List.of(offset("g", P0, 20, 200), offset("g", P1, 30, 300)));
        assertEquals(Map.of(P0, new CommittedOffset(700, null, 50)), merged.offsets());
        assertEquals(50, merged.logSeq());

        GroupOffsets reloaded = group.withReloaded(List.of(offset("g", P0, 20, 200)));
        GroupOffsets twice = reloaded.withReloaded(List.of(offset("g", P0, 20, 200)));
        assertEquals(reloaded.offsets(), twice.offsets());
        assertEquals(20, twice.logSeq());
        assertSame(reloaded.members(), twice.members());
    }

    @Test
    void aTombstoneIsNotAnOffsetToMerge() {
        assertThrows(IllegalArgumentException.class,
                () -> GroupOffsets.newGroup(0).withReloaded(List.of(OffsetLogRecord.tombstone("g", P0, 1))));
    }

    @Test
    void theNextLoggedChangeOutranksEverythingReloaded() {
        GroupOffsets reloaded = GroupOffsets.newGroup(0).withReloaded(List.of(offset("g", P0, 1_000_000_000L, 1)));
        assertEquals(1_000_000_001L, reloaded.nextLogSeq(0));
        assertEquals(900_000 * GroupOffsets.LOG_SEQ_PER_MS, GroupOffsets.newGroup(0).nextLogSeq(900_000));
    }
}
