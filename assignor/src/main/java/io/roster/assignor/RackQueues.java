package io.roster.assignor;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * For each rack, its members in index order, with a cursor per rack that skips members a
 * caller has found no longer eligible. Callers use it only for conditions that, once
 * false for a member, stay false for the rest of the pass that uses it.
 */
final class RackQueues {

    private final GroupIndex index;
    private final int[][] members;  // rack -> members in it
    private final int[] cursor;     // rack -> first member that may still be eligible

    RackQueues(GroupIndex index, int n) {
        this.index = index;
        int racks = 0;
        for (int m = 0; m < n; m++) {
            racks = Math.max(racks, index.memberRack[m] + 1);
        }
        int[] counts = new int[racks];
        for (int m = 0; m < n; m++) {
            if (index.memberRack[m] >= 0) {
                counts[index.memberRack[m]]++;
            }
        }
        members = new int[racks][];
        for (int r = 0; r < racks; r++) {
            members[r] = new int[counts[r]];
        }
        Arrays.fill(counts, 0);
        for (int m = 0; m < n; m++) {
            int r = index.memberRack[m];
            if (r >= 0) {
                members[r][counts[r]++] = m;
            }
        }
        cursor = new int[racks];
    }

    /** The first member in one of the partition's racks that is eligible, or -1. */
    int firstMatching(int global, IntPredicate eligible) {
        for (int rack : index.partitionRacks[global]) {
            if (rack >= members.length) {
                continue; // a rack of replicas only, no member in it
            }
            int[] inRack = members[rack];
            int c = cursor[rack];
            while (c < inRack.length && !eligible.test(inRack[c])) {
                c++;
            }
            cursor[rack] = c;
            if (c < inRack.length) {
                return inRack[c];
            }
        }
        return -1;
    }

    /** Starts the cursors again, for a pass with another condition. */
    void rewind() {
        Arrays.fill(cursor, 0);
    }
}
