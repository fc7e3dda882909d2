package io.roster.bench;

import io.roster.assignor.Assignor;
import io.roster.assignor.GroupAssignment;
import io.roster.assignor.GroupSpec;
import io.roster.assignor.MemberSpec;
import io.roster.assignor.TopicInfo;
import io.roster.assignor.TopicMetadata;
import io.roster.assignor.TopicPartitionSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Roster's assignors through their public API only. */
final class RosterSide implements AssignorSide<GroupAssignment> {

    private final Assignor assignor;
    private final String source;
    private final TopicMetadata topics;

    RosterSide(Strategy strategy, GroupShape cluster) {
        this.assignor = strategy.rosterAssignor();
        this.source = Contender.of(Side.ROSTER, strategy).displayName();
        List<TopicInfo> infos = new ArrayList<>(cluster.topics().size());
        for (String topic : cluster.topics()) {
            infos.add(new TopicInfo(topic, cluster.partitionsPerTopic()));
        }
        this.topics = TopicMetadata.of(infos);
    }

    @Override
    public PreparedCall<GroupAssignment> prepare(GroupShape shape, GroupAssignment prior) {
        List<MemberSpec> members = new ArrayList<>(shape.memberCount());
        for (int m = 0; m < shape.memberCount(); m++) {
            String id = shape.memberIds().get(m);
            // The shape's subscription sets are immutable and shared: MemberSpec keeps them as they are.
            MemberSpec member = MemberSpec.of(id, shape.subscriptionOf(m));
            if (prior != null) {
                member = member.withOwned(prior.partitionsOf(id));
            }
            members.add(member);
        }
        GroupSpec group = new GroupSpec(members);
        Assignor assignor = this.assignor;
        TopicMetadata topics = this.topics;
        return () -> assignor.assign(group, topics);
    }

    @Override
    public PartitionOwners read(GroupShape shape, GroupAssignment result) {
        PartitionOwners.Reader reader = PartitionOwners.reader(shape, source);
        for (Map.Entry<String, TopicPartitionSet> entry : result.members().entrySet()) {
            int member = reader.member(entry.getKey());
            TopicPartitionSet partitions = entry.getValue();
            for (int t = 0; t < partitions.topicCount(); t++) {
                String topic = partitions.topicAt(t);
                for (int j = 0; j < partitions.partitionCountAt(t); j++) {
                    reader.add(member, topic, partitions.partitionAt(t, j));
                }
            }
        }
        return reader.finish();
    }
}
