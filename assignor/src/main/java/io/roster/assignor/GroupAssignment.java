package io.roster.assignor;

import java.util.Collections;
import java.util.Map;

/**
 * The target assignment of a group: for each member id the partitions it should own.
 * Every member of the group spec has an entry, possibly empty.
 */
public record GroupAssignment(Map<String, TopicPartitionSet> members) {

    public GroupAssignment {
        members = Collections.unmodifiableMap(members);
    }

    /** The partitions of {@code memberId}; empty for an unknown member. */
    public TopicPartitionSet partitionsOf(String memberId) {
        return members.getOrDefault(memberId, TopicPartitionSet.empty());
    }
}
