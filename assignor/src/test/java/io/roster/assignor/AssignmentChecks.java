package io.roster.assignor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Judges assignments with plain sets and maps, independently of how the assignors work.
 */
final class AssignmentChecks {

    private AssignmentChecks() {
    }

    /**
     * Every partition of every existing topic that some member subscribes to is assigned
     * exactly once, to a member subscribed to its topic; nothing else is assigned; every
     * member has an entry.
     */
    static void assertValid(GroupSpec group, TopicMetadata topics, GroupAssignment assignment) {
        Map<String, MemberSpec> members = byId(group);
        assertEquals(members.keySet(), assignment.members().keySet(), "members of the assignment");
        Map<TopicPartition, String> ownerOf = new HashMap<>();
        assignment.members().forEach((memberId, partitions) -> {
            for (TopicPartition tp : partitions) {
                assertTrue(members.get(memberId).subscribedTopics().contains(tp.topic()),
                        () -> memberId + " got " + tp + " without subscribing to its topic");
                assertTrue(tp.partition() < topics.partitionCount(tp.topic()),
                        () -> memberId + " got " + tp + ", which does not exist");
                String earlier = ownerOf.put(tp, memberId);
                assertNull(earlier, () -> tp + " given to both " + earlier + " and " + memberId);
            }
        });
        for (String topic : subscribedTopics(group)) {
            for (int p = 0; p < Math.max(0, topics.partitionCount(topic)); p++) {
                TopicPartition tp = new TopicPartition(topic, p);
                assertTrue(ownerOf.containsKey(tp), () -> tp + " is subscribed to but not assigned");
            }
        }
    }

    /**
     * The balance guarantee: no partition can be moved to another member subscribed to its
     * topic so that the two counts get closer by two or more, i.e. for every holder of a
     * partition of topic t and every subscriber of t, the holder has at most one more.
     */
    static void assertNoImprovingMove(GroupSpec group, GroupAssignment assignment) {
        Map<String, Integer> counts = counts(assignment);
        for (MemberSpec holder : group.members()) {
            int held = counts.get(holder.memberId());
            for (TopicPartition tp : assignment.partitionsOf(holder.memberId())) {
                for (MemberSpec other : group.members()) {
                    if (other.subscribedTopics().contains(tp.topic()) && held - counts.get(other.memberId()) >= 2) {
                        fail(tp + " could move from " + holder.memberId() + " (" + held + ") to "
                                + other.memberId() + " (" + counts.get(other.memberId()) + ")");
                    }
                }
            }
        }
    }

    /** Max minus min partitions per member; 0 for an empty group. */
    static int spread(GroupAssignment assignment) {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (TopicPartitionSet partitions : assignment.members().values()) {
            min = Math.min(min, partitions.size());
            max = Math.max(max, partitions.size());
        }
        return assignment.members().isEmpty() ? 0 : max - min;
    }

    /** How many owned partitions stay with their owner. */
    static int kept(GroupSpec group, GroupAssignment assignment) {
        int kept = 0;
        for (MemberSpec member : group.members()) {
            for (TopicPartition tp : member.ownedPartitions()) {
                if (assignment.partitionsOf(member.memberId()).contains(tp)) {
                    kept++;
                }
            }
        }
        return kept;
    }

    /** Partitions whose owner after differs from the owner before (unowned before counts too). */
    static int moved(GroupAssignment before, GroupAssignment after) {
        Map<TopicPartition, String> ownerBefore = owners(before);
        int moved = 0;
        for (Map.Entry<TopicPartition, String> entry : owners(after).entrySet()) {
            if (!entry.getValue().equals(ownerBefore.get(entry.getKey()))) {
                moved++;
            }
        }
        return moved;
    }

    static Map<String, Integer> counts(GroupAssignment assignment) {
        Map<String, Integer> counts = new HashMap<>();
        assignment.members().forEach((id, partitions) -> counts.put(id, partitions.size()));
        return counts;
    }

    static Map<TopicPartition, String> owners(GroupAssignment assignment) {
        Map<TopicPartition, String> owners = new HashMap<>();
        assignment.members().forEach((id, partitions) -> partitions.forEach(tp -> owners.put(tp, id)));
        return owners;
    }

    static Set<String> subscribedTopics(GroupSpec group) {
        Set<String> topics = new HashSet<>();
        group.members().forEach(member -> topics.addAll(member.subscribedTopics()));
        return topics;
    }

    static Map<String, MemberSpec> byId(GroupSpec group) {
        Map<String, MemberSpec> members = new HashMap<>();
        group.members().forEach(member -> members.put(member.memberId(), member));
        return members;
    }
}
