package io.roster.assignor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The target assignment of a group: for each member id, in the order of the group spec,
 * the partitions it should own. Every member of the spec has an entry, possibly empty.
 * Immutable.
 */
public final class GroupAssignment {

    private final Map<String, TopicPartitionSet> members;

    private GroupAssignment(Map<String, TopicPartitionSet> members) {
        this.members = Collections.unmodifiableMap(members);
    }

    /** A copy of {@code members}, keeping its iteration order. */
    public static GroupAssignment of(Map<String, TopicPartitionSet> members) {
        return new GroupAssignment(new LinkedHashMap<>(members));
    }

    /** Takes a map that the caller built for it and will not touch again: no copy. */
    static GroupAssignment wrap(LinkedHashMap<String, TopicPartitionSet> members) {
        return new GroupAssignment(members);
    }

    public Map<String, TopicPartitionSet> members() {
        return members;
    }

    /** The partitions of {@code memberId}; empty for an unknown member. */
    public TopicPartitionSet partitionsOf(String memberId) {
        return members.getOrDefault(memberId, TopicPartitionSet.empty());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupAssignment other && members.equals(other.members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    @Override
    public String toString() {
        return "GroupAssignment" + members;
    }
}
