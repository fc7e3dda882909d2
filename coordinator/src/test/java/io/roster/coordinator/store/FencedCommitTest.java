package io.roster.coordinator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.roster.coordinator.testing.TestHazelcast;
import io.roster.assignor.TopicInfo;
import io.roster.assignor.TopicMetadata;
import io.roster.assignor.TopicPartition;
import io.roster.coordinator.group.ConsumerGroup;
import io.roster.coordinator.group.GroupMember;
import io.roster.coordinator.group.Heartbeat;
import io.roster.offsets.CommitResult;
import io.roster.offsets.OffsetCommit;
import io.roster.offsets.OffsetStore;
import io.roster.offsets.OffsetStoreConfig;
import io.roster.offsets.PartitionId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Group events and commits on one real Hazelcast member: the ownership each event
 * publishes is what the offset store fences commits with.
 */
class FencedCommitTest {

    private static final TopicMetadata TOPICS = TopicMetadata.of(List.of(new TopicInfo("orders", 4)));

    private static HazelcastInstance hazelcast;
    private static GroupStore groups;
    private static OffsetStore offsets;
    private static OwnershipPublisher publisher;
    private long now = 1_000_000;

    @BeforeAll
    static void member() {
        hazelcast = new TestHazelcast().member();
        groups = new GroupStore(hazelcast);
        offsets = new OffsetStore(hazelcast, OffsetStoreConfig.defaults());
        publisher = new OwnershipPublisher(offsets, groups, ForkJoinPool.commonPool());
    }

    @AfterAll
    static void shutdown() {
        hazelcast.shutdown();
    }

    private GroupEventResult apply(String group, Heartbeat heartbeat, String newMemberId) {
        GroupEventResult result = groups.apply(group, new GroupEvent(GroupEvent.Kind.HEARTBEAT, heartbeat, null, false,
                newMemberId, now++, TOPICS, "uniform", 10_000, 30_000)).toCompletableFuture().join();
        publisher.publish(group, result).toCompletableFuture().join();
        return result;
    }

    private GroupMember member(String group, String memberId) {
        ConsumerGroup state = groups.get(group).toCompletableFuture().join();
        return state.member(memberId);
    }

    private CommitResult commit(String group, String memberId, int epoch, TopicPartition tp, long offset) {
        PartitionId id = new PartitionId(tp.topic(), tp.partition());
        return offsets.commit(group, memberId, epoch, Map.of(id, OffsetCommit.of(offset))).toCompletableFuture()
                .join().get(id);
    }

    @Test
    void aPartitionThatMovedCanOnlyBeCommittedByItsNewOwner() {
        String group = "g-moved";
        apply(group, new Heartbeat("", 0, null, null, Set.of("orders"), null), "a");
        TopicPartition moving = new TopicPartition("orders", 3);
        assertEquals(CommitResult.OK, commit(group, "a", 1, moving, 10));

        apply(group, new Heartbeat("", 0, null, null, Set.of("orders"), null), "b");
        GroupMember owner = member(group, "a");
        apply(group, new Heartbeat("a", owner.memberEpoch(), null, null, null, owner.assigned()), null);
        GroupMember a = member(group, "a");
        // Told to release, the owner may still commit what it must give up, until it has.
        TopicPartition released = a.pendingRevocation().iterator().next();
        assertEquals(CommitResult.OK, commit(group, "a", a.memberEpoch(), released, 20));

        apply(group, new Heartbeat("a", a.memberEpoch(), null, null, null, a.assigned()), null);
        GroupMember waiting = member(group, "b");
        apply(group, new Heartbeat("b", waiting.memberEpoch(), null, null, null, waiting.assigned()), null);
        GroupMember b = member(group, "b");
        assertEquals(CommitResult.FENCED, commit(group, "a", member(group, "a").memberEpoch(), released, 99),
                "the old owner, once it released the partition");
        assertEquals(CommitResult.OK, commit(group, "b", b.memberEpoch(), released, 21), "its new owner");
        assertEquals(21, offsets.fetch(group).toCompletableFuture().join()
                .get(new PartitionId(released.topic(), released.partition())).offset());
    }

    /**
     * The event that changed the ownership publishes it, but another event of the group (on another node)
     * may answer a member before that publish is done: it must not answer with an assignment the store
     * does not have yet.
     */
    @Test
    void anEventThatChangedNoOwnershipStillWaitsUntilTheStoreHasTheGroupsVersion() {
        String group = "g-unpublished";
        apply(group, new Heartbeat("", 0, null, null, Set.of("orders"), null), "a");
        // "b" joins and gets partitions; the publish of that change is still on its way elsewhere.
        GroupEventResult joined = groups.apply(group, new GroupEvent(GroupEvent.Kind.HEARTBEAT,
                new Heartbeat("", 0, null, null, Set.of("orders"), null), null, false, "b", now++, TOPICS, "uniform",
                10_000, 30_000)).toCompletableFuture().join();
        assertTrue(joined.ownershipChanged());
        long stored = offsets.ownership(group).toCompletableFuture().join().orElseThrow().version();
        assertTrue(stored < joined.ownershipVersion(), "the test needs the store behind the group");

        GroupMember a = member(group, "a");
        GroupEventResult heartbeat = apply(group, new Heartbeat("a", a.memberEpoch(), null, null, null, a.assigned()), null);
        assertFalse(heartbeat.ownershipChanged(), "a heartbeat that changes no ownership");
        assertTrue(offsets.ownership(group).toCompletableFuture().join().orElseThrow().version() >= heartbeat.ownershipVersion(),
                "answered while the store still had version " + stored);
    }

    @Test
    void aCommitJustAfterAnEpochBumpIsNotFenced() {
        String group = "g-bump";
        apply(group, new Heartbeat("", 0, null, null, Set.of("orders"), null), "a");
        apply(group, new Heartbeat("", 0, null, null, Set.of("orders"), null), "b");
        GroupMember owner = member(group, "a");
        apply(group, new Heartbeat("a", owner.memberEpoch(), null, null, null, owner.assigned()), null);
        GroupMember a = member(group, "a");
        TopicPartition kept = a.assigned().iterator().next();
        int before = a.memberEpoch();
        apply(group, new Heartbeat("a", before, null, null, null, a.assigned()), null);
        assertEquals(before + 1, member(group, "a").memberEpoch(), "releasing moved it to the new epoch");

        assertEquals(CommitResult.OK, commit(group, "a", before, kept, 5), "sent before it learned the new epoch");
    }

    @Test
    void aMemberThatLeftIsUnknownToTheOffsetStore() {
        String group = "g-left";
        apply(group, new Heartbeat("", 0, null, null, Set.of("orders"), null), "a");
        GroupEventResult left = groups.apply(group, new GroupEvent(GroupEvent.Kind.LEAVE, null, "a", false, null,
                now++, TOPICS, "uniform", 10_000, 30_000)).toCompletableFuture().join();
        publisher.publish(group, left).toCompletableFuture().join();

        assertEquals(CommitResult.UNKNOWN_MEMBER, commit(group, "a", 1, new TopicPartition("orders", 0), 7));
    }
}
