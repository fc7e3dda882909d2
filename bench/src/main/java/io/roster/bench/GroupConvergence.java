package io.roster.bench;

import io.roster.assignor.TopicPartition;
import io.roster.assignor.TopicPartitionSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * When a group of simulated members has converged, judged only from what the members hold:
 * every member has an answer with nothing to revoke and nothing still to come, the held
 * sets are disjoint and cover every partition, and each member holds the floor or the
 * ceiling of partitions / members. A newcomer therefore holds its share.
 */
final class GroupConvergence {

    private GroupConvergence() {
    }

    static boolean reached(Collection<SimulatedMember> members, TopicPartitionSet partitions) {
        if (members.isEmpty()) {
            return false;
        }
        int fewest = partitions.size() / members.size();
        int most = fewest + (partitions.size() % members.size() == 0 ? 0 : 1);
        Set<TopicPartition> seen = new HashSet<>();
        for (SimulatedMember member : members) {
            if (!member.answeredOnce() || member.reconciling()) {
                return false;
            }
            TopicPartitionSet held = member.held();
            if (held.size() < fewest || held.size() > most) {
                return false;
            }
            for (TopicPartition partition : held) {
                if (!partitions.contains(partition) || !seen.add(partition)) {
                    return false;
                }
            }
        }
        return seen.size() == partitions.size();
    }
}
