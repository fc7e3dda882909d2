package io.roster.assignor;

import java.util.ArrayDeque;
import java.util.function.IntPredicate;

/**
 * For each rack, its members in a rotating queue: a partition goes to the first eligible
 * member of one of its racks, who then moves to the back, so consecutive partitions of a
 * rack spread over its members. A member found ineligible is dropped from the queue, so
 * callers use it only for conditions that, once false for a member, stay false for the
 * rest of the pass.
 */
final class RackQueues {

    private final GroupIndex index;
    private final int[] memberRack;
    private final int n;
    private ArrayDeque<Integer>[] queues;

    RackQueues(GroupIndex index, int n) {
        this.index = index;
        this.memberRack = index.memberRack;
        this.n = n;
        rewind();
    }

    /** The first eligible member in one of the partition's racks (rotating), or -1. */
    int nextMatching(int global, IntPredicate eligible) {
        for (int rack : index.partitionRacks[global]) {
            if (rack >= queues.length) {
                continue; // a rack of replicas only, no member in it
            }
            ArrayDeque<Integer> queue = queues[rack];
            while (!queue.isEmpty()) {
                int m = queue.pollFirst();
                if (eligible.test(m)) {
                    queue.addLast(m);
                    return m;
                }
            }
        }
        return -1;
    }

    /** Every member back in its rack's queue, for a pass with another condition. */
    @SuppressWarnings("unchecked")
    void rewind() {
        int racks = 0;
        for (int m = 0; m < n; m++) {
            racks = Math.max(racks, memberRack[m] + 1);
        }
        queues = new ArrayDeque[racks];
        for (int r = 0; r < racks; r++) {
            queues[r] = new ArrayDeque<>();
        }
        for (int m = 0; m < n; m++) {
            if (memberRack[m] >= 0) {
                queues[memberRack[m]].addLast(m);
            }
        }
    }

    /**
     * The partitions in the order rack-matched placement should try them: those with fewer
     * replica racks first (they have fewer members to go to), ties in partition order.
     */
    static int[] mostConstrainedFirst(GroupIndex index, int[] partitions, int count) {
        int maxRacks = 0;
        for (int i = 0; i < count; i++) {
            maxRacks = Math.max(maxRacks, index.partitionRacks[partitions[i]].length);
        }
        int[] start = new int[maxRacks + 2];
        for (int i = 0; i < count; i++) {
            start[index.partitionRacks[partitions[i]].length + 1]++;
        }
        for (int r = 0; r <= maxRacks; r++) {
            start[r + 1] += start[r];
        }
        int[] ordered = new int[count];
        for (int i = 0; i < count; i++) {
            ordered[start[index.partitionRacks[partitions[i]].length]++] = partitions[i];
        }
        return ordered;
    }
}
