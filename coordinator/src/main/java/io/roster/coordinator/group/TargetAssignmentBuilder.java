package io.roster.coordinator.group;

import io.roster.assignor.Assignor;
import io.roster.assignor.GroupAssignment;
import io.roster.assignor.GroupSpec;
import io.roster.assignor.MemberSpec;
import io.roster.assignor.TopicMetadata;
import io.roster.assignor.TopicPartition;
import io.roster.assignor.TopicPartitionSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Computes a group's target assignment with its assignor, sticky to the previous target. */
final class TargetAssignmentBuilder {

    private TargetAssignmentBuilder() {
    }

    /** The partition counts of the topics the members subscribe to that exist. */
    static Map<String, Integer> subscribedPartitionCounts(Iterable<GroupMember> members, TopicMetadata metadata) {
        Map<String, Integer> counts = new TreeMap<>();
        for (GroupMember member : members) {
            for (String topic : member.subscribedTopics()) {
                int count = metadata.partitionCount(topic);
                if (count >= 0) {
                    counts.put(topic, count);
                }
            }
        }
        return counts;
    }

    /**
     * Members are given in join order; each "owns" its previous target, less partitions
     * that no longer exist, so the assignor keeps what it can.
     */
    static Map<String, TopicPartitionSet> compute(Assignor assignor, Iterable<GroupMember> members,
                                                  Map<String, TopicPartitionSet> previousTarget,
                                                  TopicMetadata metadata) {
        List<MemberSpec> specs = new ArrayList<>();
        for (GroupMember member : members) {
            TopicPartitionSet previous = previousTarget.getOrDefault(member.memberId(), TopicPartitionSet.empty());
            specs.add(new MemberSpec(member.memberId(), member.instanceId(), member.rack(),
                    member.subscribedTopics(), existing(previous, metadata)));
        }
        GroupAssignment assignment = assignor.assign(new GroupSpec(specs), metadata);
        return new HashMap<>(assignment.members());
    }

    private static TopicPartitionSet existing(TopicPartitionSet partitions, TopicMetadata metadata) {
        TopicPartitionSet.Builder kept = TopicPartitionSet.builder();
        boolean dropped = false;
        for (TopicPartition tp : partitions) {
            if (tp.partition() < metadata.partitionCount(tp.topic())) {
                kept.add(tp);
            } else {
                dropped = true;
            }
        }
        return dropped ? kept.build() : partitions;
    }
}
