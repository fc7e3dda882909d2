package io.roster.offsets;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static io.roster.offsets.TestMembers.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Synchronous durability while the groups' Hazelcast partitions migrate: a commit that waits for the log
 * when its group moves to another member keeps the group locked on the new owner, so the group's next
 * change waits for it. The log therefore gets every group's changes in the order they were stored, which
 * is what compaction (keeping the last record of a key) and the reload (keeping the highest seq) both need:
 * no committed offset can reload one commit back.
 *
 * <p>All members share one log, as the coordinator's members share one Kafka topic.
 */
class SyncMigrationTest {

    private static final PartitionId P0 = new PartitionId("orders", 0);
    private static final DurableOffsetsConfig SYNC = DurableOffsetsConfig.of(DurabilityMode.SYNC).withTimeoutMs(60_000);
    private static final int GROUPS = 48;

    private final SharedLogCluster cluster = new SharedLogCluster(SyncMigrationTest.class, SYNC);
    private final RecordingLog log = cluster.log();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aCommitWaitingForTheLogWhileItsGroupMigratesStaysAheadOfTheGroupsNextCommit() {
        HazelcastInstance first = cluster.startMember();
        cluster.startMember();
        OffsetStore store = new OffsetStore(first, OffsetStoreConfig.defaults());
        Member firstMember = first.getCluster().getLocalMember();
        List<String> groups = new ArrayList<>();
        while (groups.size() < GROUPS) {
            String group = "group-" + UUID.randomUUID();
            if (first.getPartitionService().getPartition(group).getOwner().equals(firstMember)) {
                groups.add(group);
            }
        }
        for (String group : groups) {
            await(store.publishOwnership(group, 1, Map.of("m1", new MemberOwnership(1, Set.of(P0)))));
        }

        // The first commit of every group is acknowledged only after its record is in the log: hold it there.
        log.holdRecords(record -> record.committed() != null && record.committed().offset() == 10);
        List<CompletableFuture<Map<PartitionId, CommitResult>>> firstCommits = groups.stream()
                .map(group -> store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(10))).toCompletableFuture())
                .toList();
        // Held commits block the member's offload threads; the rest wait in its queue, their keys locked too.
        AtomicInteger waiting = new AtomicInteger(-1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> waiting.getAndSet(log.waitingAppends()) == log.waitingAppends() && waiting.get() > 0);

        // A third member joins: part of the first member's partitions, locked keys among them, move to it.
        HazelcastInstance third = cluster.startMember();
        cluster.awaitSafe(Duration.ofSeconds(60));
        long moved = groups.stream()
                .filter(group -> !third.getPartitionService().getPartition(group).getOwner().equals(firstMember))
                .count();
        assertTrue(moved > 0, "no group moved off the first member: the test proves nothing");
        assertEquals(waiting.get(), log.waitingAppends(), "the held commits are still waiting for the log");
        assertTrue(firstCommits.stream().noneMatch(CompletableFuture::isDone));

        // The groups' next commits, sent through the new member: they must wait for the first ones.
        OffsetStore thirdStore = new OffsetStore(third, OffsetStoreConfig.defaults());
        List<CompletableFuture<Map<PartitionId, CommitResult>>> nextCommits = groups.stream()
                .map(group -> thirdStore.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(20))).toCompletableFuture())
                .toList();
        try {
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> nextCommits.stream().noneMatch(CompletableFuture::isDone));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            for (int i = 0; i < GROUPS; i++) {
                String group = groups.get(i);
                System.out.println("DIAG " + group + " moved=" + !third.getPartitionService().getPartition(group).getOwner().equals(firstMember)
                        + " first=" + firstCommits.get(i) + " next=" + nextCommits.get(i) + " log=" + log.records(group));
            }
            throw e;
        }
        assertEquals(List.of(), log.records().stream().filter(r -> r.committed().offset() == 20).toList(),
                "a next commit reached the log while the group's earlier commit was still waiting for it");

        log.release();
        for (int i = 0; i < GROUPS; i++) {
            String group = groups.get(i);
            assertEquals(Map.of(P0, CommitResult.OK), await(firstCommits.get(i)), group);
            assertEquals(Map.of(P0, CommitResult.OK), await(nextCommits.get(i)), group);
            List<OffsetLogRecord> records = log.records(group);
            assertEquals(List.of(10L, 20L), records.stream().map(r -> r.committed().offset()).toList(),
                    group + ": the log has the group's commits in the order they were stored");
            assertTrue(records.get(1).seq() > records.get(0).seq(), records.toString());
            assertEquals(20, await(thirdStore.fetch(group)).get(P0).offset(), group);
        }
    }
}
