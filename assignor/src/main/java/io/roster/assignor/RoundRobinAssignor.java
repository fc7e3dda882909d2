package io.roster.assignor;

/**
 * Kafka's round-robin strategy: all partitions in topic-then-partition order are dealt to
 * the members sorted by member id, in turn; a member not subscribed to a partition's topic
 * is skipped for that partition. With equal subscriptions, partition counts differ by at
 * most one. Not sticky and not rack-aware.
 */
public final class RoundRobinAssignor implements Assignor {

    public static final String NAME = "round-robin";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GroupAssignment assign(GroupSpec group, TopicMetadata topics) {
        GroupIndex index = GroupIndex.of(group, topics);
        index.ownership(); // not sticky, but owned partitions are still validated
        int[] assignedTo = new int[index.partitionCount];
        int[] byId = index.membersById();
        int n = byId.length;
        int next = 0;
        for (int t = 0; t < index.topicCount(); t++) {
            for (int p = index.topicStart[t]; p < index.topicStart[t + 1]; p++) {
                // Every indexed topic has a subscriber, so this stops within n steps.
                while (!index.subscribes(byId[next], t)) {
                    next = (next + 1) % n;
                }
                assignedTo[p] = byId[next];
                next = (next + 1) % n;
            }
        }
        return index.toAssignment(assignedTo);
    }
}
