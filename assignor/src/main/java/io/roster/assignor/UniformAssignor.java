package io.roster.assignor;

/**
 * Sticky and balanced: Roster's default assignor.
 *
 * <p>When every member subscribes to the same topics (homogeneous), partition counts of
 * any two members differ by at most one, each member keeps as many of its owned
 * partitions as that allows, and when one member joins or leaves a stable group exactly
 * the minimum moves: the newcomer's share, or the leaver's partitions.
 *
 * <p>When subscriptions differ (heterogeneous), no partition can be moved to another
 * member subscribed to its topic so that the two members' counts get closer by two or
 * more; owned partitions stay unless that balance needs them elsewhere.
 *
 * <p>With racks on both members and partitions, a partition that needs an owner goes to a
 * member in one of its replica racks whenever the balance allows it; stickiness comes
 * first, so a rebalance never moves an owned partition only to improve locality.
 */
public final class UniformAssignor implements Assignor {

    public static final String NAME = "uniform";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GroupAssignment assign(GroupSpec group, TopicMetadata topics) {
        GroupIndex index = GroupIndex.of(group, topics);
        if (index.isHomogeneous()) {
            return new UniformHomogeneousBuilder(index).build();
        }
        return index.toAssignment(new UniformHeterogeneousBuilder(index).build());
    }
}
