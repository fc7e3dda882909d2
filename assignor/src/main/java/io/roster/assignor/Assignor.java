package io.roster.assignor;

/**
 * Computes a group's target assignment.
 *
 * <p>{@link #assign} is a pure, deterministic function: it reads its arguments only, keeps
 * no state between calls, uses no clock, I/O or threads, and gives the same output for the
 * same input. Implementations are safe to share between threads.
 */
public interface Assignor {

    /** The name the assignor is selected by, e.g. {@code uniform}. */
    String name();

    /**
     * @param group  the members, their subscriptions and what they own now
     * @param topics the partition counts (and optionally racks) of the cluster's topics;
     *               subscriptions to topics absent from it are ignored
     * @return every member's partitions: each partition of a subscribed topic exactly once,
     *         to a member subscribed to its topic, and nothing else
     * @throws IllegalArgumentException when an owned partition does not exist in
     *         {@code topics} or is owned by two members; the message names member and partition
     */
    GroupAssignment assign(GroupSpec group, TopicMetadata topics);
}
