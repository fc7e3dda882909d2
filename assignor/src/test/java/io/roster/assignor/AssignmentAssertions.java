package io.roster.assignor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Checks on assignments that hold whatever the exact placement. */
final class AssignmentAssertions {

    private AssignmentAssertions() {
    }

    /**
     * Every member has an entry; every partition of a topic that exists and that some member
     * subscribes to goes to exactly one member, subscribed to its topic; nothing else is assigned.
     */
    static void assertCompleteAndExclusive(GroupSpec group, TopicMetadata topics, GroupAssignment assignment) {
        Map<String, MemberSpec> byId = new HashMap<>();
        group.members().forEach(m -> byId.put(m.memberId(), m));
        assertEquals(byId.keySet(), assignment.members().keySet(), "members of the assignment");

        Map<TopicPartition, String> ownerOf = new HashMap<>();
        assignment.members().forEach((memberId, partitions) -> {
            for (TopicPartition tp : partitions) {
                String other = ownerOf.put(tp, memberId);
                if (other != null) {
                    fail(tp + " is assigned to both '" + other + "' and '" + memberId + "': " + assignment);
                }
                assertTrue(byId.get(memberId).subscribedTopics().contains(tp.topic()),
                        () -> "'" + memberId + "' got " + tp + " without subscribing to its topic: " + assignment);
            }
        });

        Set<TopicPartition> expected = new TreeSet<>();
        for (MemberSpec member : group.members()) {
            for (String topic : member.subscribedTopics()) {
                for (int p = 0; p < topics.partitionCount(topic); p++) {
                    expected.add(new TopicPartition(topic, p));
                }
            }
        }
        assertEquals(expected, new TreeSet<>(ownerOf.keySet()), "assigned partitions");
    }

    /** Partition counts of any two members differ by at most one. */
    static void assertBalanced(GroupAssignment assignment) {
        int min = assignment.members().values().stream().mapToInt(Set::size).min().orElse(0);
        int max = assignment.members().values().stream().mapToInt(Set::size).max().orElse(0);
        assertTrue(max - min <= 1, () -> "counts from " + min + " to " + max + ": " + assignment);
    }

    /**
     * The heterogeneous balance guarantee: no partition can move to another member subscribed
     * to its topic with the two counts getting closer by two or more, that is no holder has
     * two or more partitions more than another subscriber of the partition's topic.
     */
    static void assertNoImprovingMove(GroupSpec group, GroupAssignment assignment) {
        assignment.members().forEach((holder, partitions) -> {
            for (TopicPartition tp : partitions) {
                for (MemberSpec other : group.members()) {
                    if (other.subscribedTopics().contains(tp.topic())) {
                        int gap = partitions.size() - assignment.partitionsOf(other.memberId()).size();
                        assertTrue(gap < 2, () -> tp + " could move from '" + holder + "' to '" + other.memberId()
                                + "' (" + gap + " fewer partitions): " + assignment);
                    }
                }
            }
        });
    }

    /** The partitions a member held in {@code before} and another member holds in {@code after}. */
    static Set<TopicPartition> moved(GroupAssignment before, GroupAssignment after) {
        Set<TopicPartition> moved = new TreeSet<>();
        before.members().forEach((memberId, partitions) -> {
            for (TopicPartition tp : partitions) {
                if (!after.partitionsOf(memberId).contains(tp)) {
                    moved.add(tp);
                }
            }
        });
        return moved;
    }
}
