package io.roster.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Either side's result in one form: the owner of every partition of a {@link GroupShape},
 * checked while it is read. A result is valid when each partition of each subscribed topic
 * goes to exactly one member, that member subscribes to its topic, and nothing else is
 * assigned (no unknown member, topic or partition).
 */
public final class PartitionOwners {

    private final GroupShape shape;
    private final int[] owner;     // global partition -> member index, or -1
    private final int[] counts;    // member index -> partitions owned

    private PartitionOwners(GroupShape shape, int[] owner, int[] counts) {
        this.shape = shape;
        this.owner = owner;
        this.counts = counts;
    }

    /** Starts reading the result {@code source} computed for {@code shape}. */
    static Reader reader(GroupShape shape, String source) {
        return new Reader(shape, source);
    }

    public GroupShape shape() {
        return shape;
    }

    /** The id of the member owning the partition, or {@code null}. */
    public String ownerOf(int globalPartition) {
        int m = owner[globalPartition];
        return m < 0 ? null : shape.memberIds().get(m);
    }

    public int countOf(int member) {
        return counts[member];
    }

    /** Most partitions of one member minus fewest, over all members of the group. */
    public int balance() {
        if (counts.length == 0) {
            return 0;
        }
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int count : counts) {
            min = Math.min(min, count);
            max = Math.max(max, count);
        }
        return max - min;
    }

    /**
     * Partitions whose owner (by member id) differs from {@code before}'s; a partition whose
     * owner left the group counts as moved. Both must describe the same topics.
     */
    public int movedFrom(PartitionOwners before) {
        if (!before.shape.topics().equals(shape.topics())) {
            throw new IllegalArgumentException("assignments over different topics cannot be compared");
        }
        int moved = 0;
        for (int g = 0; g < owner.length; g++) {
            String was = before.ownerOf(g);
            String is = ownerOf(g);
            if (was == null ? is != null : !was.equals(is)) {
                moved++;
            }
        }
        return moved;
    }

    /** Equal owners for every partition. */
    public boolean sameOwnersAs(PartitionOwners other) {
        return movedFrom(other) == 0;
    }

    /** Collects (member, topic, partition) triples and every rule they break. */
    static final class Reader {
        private static final int MAX_PROBLEMS = 10;

        private final GroupShape shape;
        private final String source;
        private final int[] owner;
        private final int[] counts;
        private final List<String> problems = new ArrayList<>();
        private int problemCount;

        private Reader(GroupShape shape, String source) {
            this.shape = shape;
            this.source = source;
            this.owner = new int[shape.partitionCount()];
            java.util.Arrays.fill(owner, -1);
            this.counts = new int[shape.memberCount()];
        }

        /** Index of the member, or -1 (recorded as a problem) when the group has no such member. */
        int member(String memberId) {
            int m = shape.memberIndex(memberId);
            if (m < 0) {
                problem("assignment for unknown member '" + memberId + "'");
            }
            return m;
        }

        void add(int member, String topic, int partition) {
            if (member < 0) {
                return;
            }
            String memberId = shape.memberIds().get(member);
            int t = shape.topicIndex(topic);
            if (t < 0) {
                problem("member '" + memberId + "' got " + topic + "-" + partition + " of unknown topic '" + topic + "'");
                return;
            }
            if (partition < 0 || partition >= shape.partitionsPerTopic()) {
                problem("member '" + memberId + "' got " + topic + "-" + partition + ", which does not exist");
                return;
            }
            if (!shape.subscriptionOf(member).contains(topic)) {
                problem("member '" + memberId + "' got " + topic + "-" + partition + " but does not subscribe to '"
                        + topic + "'");
            }
            int g = t * shape.partitionsPerTopic() + partition;
            if (owner[g] >= 0) {
                problem(topic + "-" + partition + " assigned twice: to '" + shape.memberIds().get(owner[g]) + "' and '"
                        + memberId + "'");
                return;
            }
            owner[g] = member;
            counts[member]++;
        }

        /**
         * @throws InvalidAssignmentException naming the source and the first problems when
         *         any rule is broken, unassigned subscribed partitions included
         */
        PartitionOwners finish() {
            Set<String> subscribed = shape.subscribedTopics();
            int unassigned = 0;
            String firstUnassigned = null;
            for (int g = 0; g < owner.length; g++) {
                if (owner[g] < 0 && subscribed.contains(shape.topicOf(g))) {
                    if (unassigned++ == 0) {
                        firstUnassigned = shape.topicOf(g) + "-" + (g % shape.partitionsPerTopic());
                    }
                }
            }
            if (unassigned > 0) {
                problem(unassigned + " subscribed partition(s) unassigned, first " + firstUnassigned);
            }
            if (problemCount > 0) {
                throw new InvalidAssignmentException(source + ": invalid assignment, " + problemCount + " problem(s): "
                        + String.join("; ", problems) + (problemCount > problems.size() ? "; ..." : ""));
            }
            return new PartitionOwners(shape, owner, counts);
        }

        private void problem(String text) {
            if (problemCount++ < MAX_PROBLEMS) {
                problems.add(text);
            }
        }
    }

    /** A result that breaks the rules of a valid assignment. */
    public static final class InvalidAssignmentException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidAssignmentException(String message) {
            super(message);
        }
    }
}
