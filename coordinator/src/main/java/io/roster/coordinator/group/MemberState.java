package io.roster.coordinator.group;

/** Where a member stands in reconciling towards its target assignment. */
public enum MemberState {
    /** It owns exactly its target partitions, at the group's target epoch. */
    STABLE,
    /** It must release partitions first; it keeps its epoch until it has. */
    UNREVOKED_PARTITIONS,
    /** It is at the target epoch but waits for partitions other members still release. */
    UNRELEASED_PARTITIONS
}
