package io.roster.assignor;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * The uniform assignment when members subscribe to different topics.
 *
 * <ol>
 *   <li>Every member keeps the owned partitions of topics it still subscribes to.</li>
 *   <li>Unassigned partitions are poured, topic by topic (fewest subscribers first), onto
 *       the least loaded subscribers of their topic ("water-filling").</li>
 *   <li>Balancing: while some topic has a holder with at least two partitions more than one
 *       of its subscribers, one of its partitions moves from the most to the least loaded.
 *       Each move lowers the sum of squared loads, so this ends; when it ends, no partition
 *       can move to another subscriber of its topic with the two counts getting closer by
 *       two or more, which is the balance guarantee. A move takes a partition the holder
 *       did not own before this assignment when it has one, so stickiness suffers least.</li>
 * </ol>
 */
final class UniformHeterogeneousBuilder {

    private final GroupIndex index;
    private final int n;
    private final int[] assignedTo;
    private final int[] load;
    private final int[][] subscribers; // topic -> its subscribers, ascending
    private final GroupIndex.Ownership ownership;

    UniformHeterogeneousBuilder(GroupIndex index) {
        this.index = index;
        this.n = index.memberCount();
        this.assignedTo = new int[index.partitionCount];
        this.load = new int[n];
        this.subscribers = subscribersByTopic();
        this.ownership = index.ownership();
    }

    int[] build() {
        Arrays.fill(assignedTo, -1);
        keepOwned();
        fillByTopic();
        balance();
        return assignedTo;
    }

    private int[][] subscribersByTopic() {
        int topics = index.topicCount();
        int[] counts = new int[topics];
        for (int m = 0; m < n; m++) {
            for (int t : index.classTopics[index.memberClass[m]]) {
                counts[t]++;
            }
        }
        int[][] result = new int[topics][];
        for (int t = 0; t < topics; t++) {
            result[t] = new int[counts[t]];
        }
        Arrays.fill(counts, 0);
        for (int m = 0; m < n; m++) {
            for (int t : index.classTopics[index.memberClass[m]]) {
                result[t][counts[t]++] = m;
            }
        }
        return result;
    }

    private void keepOwned() {
        for (int m = 0; m < n; m++) {
            for (int g : ownership.ownedByMember[m]) {
                if (index.subscribes(m, index.topicOf(g))) {
                    assignedTo[g] = m;
                    load[m]++;
                }
            }
        }
    }

    private void fillByTopic() {
        int topics = index.topicCount();
        long[] order = new long[topics];
        for (int t = 0; t < topics; t++) {
            order[t] = ((long) subscribers[t].length << 32) | t;
        }
        Arrays.sort(order);
        int[] unassigned = new int[0];
        for (long key : order) {
            int t = (int) key;
            int start = index.topicStart[t];
            int end = index.topicStart[t + 1];
            if (unassigned.length < end - start) {
                unassigned = new int[end - start];
            }
            int k = 0;
            for (int g = start; g < end; g++) {
                if (assignedTo[g] < 0) {
                    unassigned[k++] = g;
                }
            }
            if (k > 0) {
                pour(subscribers[t], unassigned, k);
            }
        }
    }

    /**
     * Gives {@code k} partitions to the least loaded of {@code members}: raises the lowest
     * loads level by level; the last, incomplete level goes to the first members in
     * (load, member) order.
     */
    private void pour(int[] members, int[] partitions, int k) {
        int s = members.length;
        int[] sorted = byLoad(members);
        int remaining = k;
        int pool = 1;
        long level = load[sorted[0]];
        int plusOne = 0;
        while (remaining > 0) {
            while (pool < s && load[sorted[pool]] == level) {
                pool++;
            }
            long next = pool < s ? load[sorted[pool]] : Long.MAX_VALUE;
            if (next != Long.MAX_VALUE && (next - level) * pool <= remaining) {
                remaining -= (int) ((next - level) * pool);
                level = next;
            } else {
                level += remaining / pool;
                plusOne = remaining % pool;
                remaining = 0;
            }
        }
        int[] grantee = Arrays.copyOf(sorted, pool);
        int[] grant = new int[pool];
        for (int i = 0; i < pool; i++) {
            grant[i] = (int) (level - load[grantee[i]]);
        }
        giveExtras(grantee, grant, plusOne, partitions, k);
        place(grantee, grant, partitions, k);
    }

    /**
     * The last level is incomplete: {@code extras} of the tied members get one more. With
     * racks, members in the rack of a partition being poured come first; then member order.
     */
    private void giveExtras(int[] grantee, int[] grant, int extras, int[] partitions, int k) {
        boolean[] extra = new boolean[grantee.length];
        if (index.rackAware) {
            for (int i = 0; i < k && extras > 0; i++) {
                for (int j = 0; j < grantee.length; j++) {
                    if (!extra[j] && index.rackMatches(grantee[j], partitions[i])) {
                        extra[j] = true;
                        extras--;
                        break;
                    }
                }
            }
        }
        for (int j = 0; j < grantee.length && extras > 0; j++) {
            if (!extra[j]) {
                extra[j] = true;
                extras--;
            }
        }
        for (int j = 0; j < grantee.length; j++) {
            grant[j] += extra[j] ? 1 : 0;
        }
    }

    /**
     * The members ordered by (load, member). Loads are small and close together, so a
     * counting sort over the load range does it in linear time; members arrive ascending,
     * which keeps ties in member order.
     */
    private int[] byLoad(int[] members) {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int m : members) {
            min = Math.min(min, load[m]);
            max = Math.max(max, load[m]);
        }
        int range = max - min + 1;
        int[] sorted = new int[members.length];
        if (range > 4 * members.length) {
            long[] keys = new long[members.length];
            for (int i = 0; i < members.length; i++) {
                keys[i] = ((long) load[members[i]] << 32) | members[i];
            }
            Arrays.sort(keys);
            for (int i = 0; i < keys.length; i++) {
                sorted[i] = (int) keys[i];
            }
            return sorted;
        }
        int[] start = new int[range + 1];
        for (int m : members) {
            start[load[m] - min + 1]++;
        }
        for (int i = 0; i < range; i++) {
            start[i + 1] += start[i];
        }
        for (int m : members) {
            sorted[start[load[m] - min]++] = m;
        }
        return sorted;
    }

    /** Hands out the granted counts: first to members in a partition's rack, then in order. */
    private void place(int[] grantee, int[] grant, int[] partitions, int k) {
        if (index.rackAware) {
            for (int g : RackQueues.mostConstrainedFirst(index, partitions, k)) {
                for (int j = 0; j < grantee.length; j++) {
                    if (grant[j] > 0 && index.rackMatches(grantee[j], g)) {
                        give(g, grantee[j]);
                        grant[j]--;
                        break;
                    }
                }
            }
        }
        int j = 0;
        for (int i = 0; i < k; i++) {
            int g = partitions[i];
            if (assignedTo[g] >= 0) {
                continue;
            }
            while (grant[j] == 0) {
                j++;
            }
            give(g, grantee[j]);
            grant[j]--;
        }
    }

    private void give(int g, int m) {
        assignedTo[g] = m;
        load[m]++;
    }

    private void balance() {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (int t = 0; t < index.topicCount(); t++) {
                moved |= balanceTopic(t);
            }
        }
    }

    /** Moves partitions of topic {@code t} until its holders and subscribers are balanced. */
    private boolean balanceTopic(int t) {
        int[] subs = subscribers[t];
        if (subs.length < 2) {
            return false;
        }
        int minLoad = Integer.MAX_VALUE;
        for (int m : subs) {
            minLoad = Math.min(minLoad, load[m]);
        }
        int start = index.topicStart[t];
        int end = index.topicStart[t + 1];
        int maxHolder = 0;
        for (int g = start; g < end; g++) {
            maxHolder = Math.max(maxHolder, load[assignedTo[g]]);
        }
        if (maxHolder - minLoad < 2) {
            return false; // the common case: one linear scan, no allocation
        }
        // Partitions of t by holder, as linked lists threaded through an array.
        int[] head = new int[n];
        Arrays.fill(head, -1);
        int[] nextOf = new int[end - start];
        int[] heldCount = new int[n];
        for (int g = end - 1; g >= start; g--) {
            int m = assignedTo[g];
            nextOf[g - start] = head[m];
            head[m] = g;
            heldCount[m]++;
        }
        PriorityQueue<Integer> holders = new PriorityQueue<>(
                (a, b) -> load[a] != load[b] ? Integer.compare(load[b], load[a]) : Integer.compare(a, b));
        PriorityQueue<Integer> takers = new PriorityQueue<>(
                (a, b) -> load[a] != load[b] ? Integer.compare(load[a], load[b]) : Integer.compare(a, b));
        for (int m : subs) {
            takers.add(m);
            if (heldCount[m] > 0) {
                holders.add(m);
            }
        }
        boolean moved = false;
        while (true) {
            int from = holders.peek();
            int to = takers.peek();
            if (load[from] - load[to] < 2) {
                return moved;
            }
            // Both leave both queues before their loads change: a queue must never hold
            // an element whose ordering key changed under it.
            holders.poll();
            takers.poll();
            holders.remove(to);
            takers.remove(from);
            int g = pickPartitionToMove(from, to, head, nextOf, start);
            unlink(g, from, head, nextOf, start);
            load[from]--;
            heldCount[from]--;
            load[to]++;
            heldCount[to]++;
            assignedTo[g] = to;
            nextOf[g - start] = head[to];
            head[to] = g;
            moved = true;
            if (heldCount[from] > 0) {
                holders.add(from);
            }
            takers.add(from);
            holders.add(to);
            takers.add(to);
        }
    }

    /** Prefers a partition {@code from} did not own before, then one in {@code to}'s rack. */
    private int pickPartitionToMove(int from, int to, int[] head, int[] nextOf, int start) {
        int best = -1;
        int bestScore = -1;
        for (int g = head[from]; g >= 0; g = nextOf[g - start]) {
            int score = (ownership.owner[g] != from ? 2 : 0) + (index.rackMatches(to, g) ? 1 : 0);
            if (score > bestScore) {
                best = g;
                bestScore = score;
                if (score == 3) {
                    break;
                }
            }
        }
        return best;
    }

    private static void unlink(int g, int member, int[] head, int[] nextOf, int start) {
        if (head[member] == g) {
            head[member] = nextOf[g - start];
            return;
        }
        int prev = head[member];
        while (nextOf[prev - start] != g) {
            prev = nextOf[prev - start];
        }
        nextOf[prev - start] = nextOf[g - start];
    }
}
