package io.roster.coordinator.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.roster.assignor.AssignorRegistry;
import io.roster.assignor.TopicInfo;
import io.roster.assignor.TopicMetadata;
import io.roster.assignor.TopicPartition;
import io.roster.assignor.TopicPartitionSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One group driven through the state machine with a fake clock. Every update is checked
 * for the safety invariant: no partition is ever held by two members.
 */
final class GroupTestContext {

    static final long SESSION_MS = 10_000;
    static final long REBALANCE_MS = 30_000;

    final ConsumerGroupStateMachine machine =
            new ConsumerGroupStateMachine(AssignorRegistry.withDefaults(), new GroupTimeouts(SESSION_MS, REBALANCE_MS));
    ConsumerGroup group = ConsumerGroup.empty("orders-app", "uniform");
    TopicMetadata metadata = TopicMetadata.empty();
    long now = 1_000_000;
    GroupUpdate last;
    private int nextId;
    final List<GroupUpdate> updates = new ArrayList<>();

    GroupTestContext topic(String name, int partitions) {
        Map<String, TopicInfo> topics = new HashMap<>();
        metadata.topics().forEach(t -> topics.put(t.name(), t));
        topics.put(name, new TopicInfo(name, partitions));
        metadata = TopicMetadata.of(topics.values());
        return this;
    }

    MemberView join(String... topics) {
        return joinStatic(null, topics);
    }

    MemberView joinStatic(String instanceId, String... topics) {
        return apply(machine.heartbeat(group, new Heartbeat("", 0, instanceId, null, Set.of(topics), null),
                metadata, now, "member-" + (++nextId))).response();
    }

    /** A heartbeat reporting that the member owns exactly {@code owned}. */
    MemberView heartbeat(String memberId, int epoch, TopicPartitionSet owned) {
        return apply(machine.heartbeat(group, new Heartbeat(memberId, epoch, null, null, null, owned),
                metadata, now, "unused")).response();
    }

    /** A well-behaved member: releases what it must, reports what it keeps. */
    MemberView heartbeat(String memberId) {
        GroupMember member = group.member(memberId);
        return heartbeat(memberId, member.memberEpoch(), member.assigned());
    }

    GroupUpdate apply(Heartbeat heartbeat) {
        return apply(machine.heartbeat(group, heartbeat, metadata, now, "member-" + (++nextId)));
    }

    GroupUpdate leave(String memberId, boolean temporarily) {
        return apply(machine.leave(group, memberId, temporarily, metadata, now));
    }

    GroupUpdate sleep(long ms) {
        now += ms;
        return apply(machine.expire(group, metadata, now));
    }

    GroupUpdate refreshMetadata() {
        return apply(machine.refreshMetadata(group, metadata, now));
    }

    /** Lets every member heartbeat, as well-behaved members, until nothing changes. */
    void converge() {
        for (int round = 0; round < 10; round++) {
            ConsumerGroup before = group;
            for (String id : new ArrayList<>(group.members().keySet())) {
                heartbeat(id);
            }
            if (group.equals(before)) {
                return;
            }
        }
        throw new AssertionError("the group did not converge: " + group);
    }

    void assertStable() {
        for (GroupMember member : group.members().values()) {
            assertEquals(MemberState.STABLE, member.state(), member.memberId() + " state");
            assertEquals(group.targetOf(member.memberId()), member.assigned(), member.memberId() + " assignment");
            assertEquals(group.targetEpoch(), member.memberEpoch(), member.memberId() + " epoch");
        }
    }

    TopicPartitionSet assigned(String memberId) {
        return group.member(memberId).assigned();
    }

    private GroupUpdate apply(GroupUpdate update) {
        assertNoPartitionHasTwoOwners(update.group());
        group = update.group();
        last = update;
        updates.add(update);
        return update;
    }

    static void assertNoPartitionHasTwoOwners(ConsumerGroup group) {
        Map<TopicPartition, String> owners = new HashMap<>();
        for (GroupMember member : group.members().values()) {
            Set<TopicPartition> seen = new HashSet<>();
            for (TopicPartition tp : member.owned()) {
                String other = owners.put(tp, member.memberId());
                assertNull(other, tp + " owned by " + other + " and " + member.memberId());
                seen.add(tp);
            }
        }
    }

    static TopicPartitionSet partitions(String topic, int... partitions) {
        return TopicPartitionSet.ofTopic(topic, partitions);
    }
}
