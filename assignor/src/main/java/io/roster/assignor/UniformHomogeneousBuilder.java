package io.roster.assignor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The uniform assignment when every member subscribes to every indexed topic.
 *
 * <p>With {@code P} partitions and {@code n} members, every member gets {@code P / n} and
 * {@code P % n} of them one more (an "extra"). Extras go first to members that already own
 * more than {@code P / n}: that maximises what is kept, so the partitions that move are
 * exactly those the quotas force out.
 *
 * <p>It touches only what moves: kept partitions are marked in a bit set, the free bits are
 * dealt (see {@link #deal}), and only members that gave up or received partitions get a
 * new partition set; the others keep their owned set object. A rebalance of a stable group
 * therefore costs little more than reading the group.
 */
final class UniformHomogeneousBuilder {

    private final GroupIndex index;
    private final int n;
    private final int partitions;
    private final int floor;
    private int extrasLeft;
    private final int[] load;
    private final int[] capacity;
    private final long[] taken;
    private final int[][] kept;        // member -> what it keeps when it had to give some up
    private int[] grantMember;
    private int[] grantPartition;
    private int grants;

    UniformHomogeneousBuilder(GroupIndex index) {
        this.index = index;
        this.n = index.memberCount();
        this.partitions = index.partitionCount;
        this.floor = n == 0 ? 0 : partitions / n;
        this.extrasLeft = n == 0 ? 0 : partitions % n;
        this.load = new int[n];
        this.capacity = new int[n];
        this.taken = new long[(partitions + 63) >>> 6];
        this.kept = new int[n][];
    }

    GroupAssignment build() {
        if (n == 0 || partitions == 0) {
            return index.toAssignment(new int[0]);
        }
        keepOwned();
        int free = 0;
        for (long word : taken) {
            free += Long.bitCount(~word);
        }
        free -= taken.length * 64 - partitions; // the unused bits of the last word
        grantMember = new int[free];
        grantPartition = new int[free];
        if (index.rackAware) {
            dealRackMatched();
        }
        deal();
        return output();
    }

    /**
     * One pass over every member's owned set: marks what it owns, rejecting a partition
     * owned twice; then members over their capacity unmark what they give up.
     */
    private void keepOwned() {
        for (int m = 0; m < n; m++) {
            TopicPartitionSet owned = index.members.get(m).ownedPartitions();
            int count = 0;
            for (int i = 0; i < owned.topicCount(); i++) {
                int t = index.indexedTopic(m, owned, i);
                if (t < 0) {
                    continue;
                }
                int start = index.topicStart[t];
                for (int j = 0; j < owned.partitionCountAt(i); j++) {
                    int g = start + owned.partitionAt(i, j);
                    if (isSet(taken, g)) {
                        throw index.ownedTwice(g, earlierOwner(g, m), m);
                    }
                    set(taken, g);
                    count++;
                }
            }
            int cap = floor;
            if (count > floor && extrasLeft > 0) {
                cap = floor + 1;
                extrasLeft--;
            }
            capacity[m] = cap;
            load[m] = Math.min(count, cap);
            if (count > cap) {
                kept[m] = choose(m, index.resolveOwned(m), cap);
            }
        }
        // Only now: unmarked earlier, a given-up partition would hide a second owner.
        for (int m = 0; m < n; m++) {
            if (kept[m] != null) {
                for (int g : index.resolveOwned(m)) {
                    if (Arrays.binarySearch(kept[m], g) < 0) {
                        clear(taken, g);
                    }
                }
            }
        }
    }

    private int earlierOwner(int g, int before) {
        for (int m = 0; m < before; m++) {
            if (Arrays.binarySearch(index.resolveOwned(m), g) >= 0) {
                return m;
            }
        }
        throw new IllegalStateException("no earlier owner of partition " + g);
    }

    /**
     * What a member that must give some up keeps: those in its rack first, then one of each
     * topic in turn, so what it gives up comes from the topics it holds most of. Ascending.
     */
    private int[] choose(int m, int[] owned, int cap) {
        int[] keeps = new int[cap];
        int count = 0;
        boolean[] chosen = new boolean[owned.length];
        if (index.rackAware) {
            for (int i = 0; i < owned.length && count < cap; i++) {
                if (index.rackMatches(m, owned[i])) {
                    chosen[i] = true;
                    keeps[count++] = owned[i];
                }
            }
        }
        for (int i : interleaveTopics(owned)) {
            if (count == cap) {
                break;
            }
            if (!chosen[i]) {
                chosen[i] = true;
                keeps[count++] = owned[i];
            }
        }
        Arrays.sort(keeps);
        return keeps;
    }

    /** Positions of ascending partitions, reordered: the first of each topic, the second, ... */
    private int[] interleaveTopics(int[] ascending) {
        int[] rank = new int[ascending.length];
        int maxRank = 0;
        for (int i = 1; i < ascending.length; i++) {
            if (index.topicOf(ascending[i]) == index.topicOf(ascending[i - 1])) {
                rank[i] = rank[i - 1] + 1;
                maxRank = Math.max(maxRank, rank[i]);
            }
        }
        int[] start = new int[maxRank + 2];
        for (int r : rank) {
            start[r + 1]++;
        }
        for (int r = 0; r <= maxRank; r++) {
            start[r + 1] += start[r];
        }
        int[] positions = new int[ascending.length];
        for (int i = 0; i < ascending.length; i++) {
            positions[start[rank[i]]++] = i;
        }
        return positions;
    }

    /**
     * Places the free partitions on members below their capacity:
     * <ol>
     *   <li>each topic with at least as many free partitions as members gives every member
     *       with room its share of them, {@code free / members}, as one contiguous chunk, so
     *       no member ends up without a topic that has enough partitions for everyone;</li>
     *   <li>the rest fill the members in turn, each up to its capacity, in contiguous runs,
     *       so that members hold few topics each;</li>
     *   <li>the extras that owners did not take go, one each, to members at the floor.</li>
     * </ol>
     */
    private void deal() {
        shareLargeTopics();
        // Word by word over the free bits: this is the whole cost of a group built from empty.
        int m = 0;
        int e = 0;
        for (int w = 0; w < taken.length; w++) {
            long free = ~taken[w];
            while (free != 0) {
                int g = (w << 6) + Long.numberOfTrailingZeros(free);
                if (g >= partitions) {
                    return;
                }
                free &= free - 1;
                while (m < n && load[m] >= capacity[m]) {
                    m++;
                }
                if (m < n) {
                    give(g, m);
                } else {
                    while (!canTakeExtra(e)) {
                        e++;
                    }
                    takeExtra(g, e);
                }
            }
        }
    }

    private void shareLargeTopics() {
        for (int t = 0; t < index.topicCount(); t++) {
            int first = index.topicStart[t];
            int end = index.topicStart[t + 1];
            if (end - first < n) {
                continue; // too few partitions to give every member one
            }
            int free = 0;
            for (int g = nextFree(first); g < end; g = nextFree(g + 1)) {
                free++;
            }
            int share = free / n;
            int g = first;
            for (int m = 0; m < n && share > 0; m++) {
                for (int k = 0; k < share && load[m] < capacity[m]; k++) {
                    g = nextFree(g);
                    give(g++, m);
                }
            }
        }
    }

    /**
     * Before {@link #deal}, rack-matched, most constrained partitions first: 1. up to the
     * floor, 2. the extras not taken by owners.
     */
    private void dealRackMatched() {
        int[] free = new int[partitions];
        int count = 0;
        for (int g = nextFree(0); g < partitions; g = nextFree(g + 1)) {
            free[count++] = g;
        }
        int[] ordered = RackQueues.mostConstrainedFirst(index, free, count);
        RackQueues racks = new RackQueues(index, n);
        for (int g : ordered) {
            int m = racks.nextMatching(g, this::hasRoom);
            if (m >= 0) {
                give(g, m);
            }
        }
        racks.rewind();
        for (int g : ordered) {
            if (extrasLeft == 0) {
                break;
            }
            if (!isSet(taken, g)) {
                int m = racks.nextMatching(g, this::canTakeExtra);
                if (m >= 0) {
                    takeExtra(g, m);
                }
            }
        }
    }

    private GroupAssignment output() {
        int[] start = new int[n + 1];
        for (int i = 0; i < grants; i++) {
            start[grantMember[i] + 1]++;
        }
        for (int m = 0; m < n; m++) {
            start[m + 1] += start[m];
        }
        int[] granted = new int[grants];
        int[] fill = Arrays.copyOf(start, n);
        for (int i = 0; i < grants; i++) {
            granted[fill[grantMember[i]]++] = grantPartition[i];
        }
        List<MemberSpec> members = index.members;
        LinkedHashMap<String, TopicPartitionSet> result = new LinkedHashMap<>((int) (n / 0.75f) + 1);
        for (int m = 0; m < n; m++) {
            int got = start[m + 1] - start[m];
            TopicPartitionSet partitionsOfM;
            if (kept[m] == null && got == 0 && index.checkedOwnsOnlyIndexed(m)) {
                partitionsOfM = members.get(m).ownedPartitions();
            } else if (kept[m] == null && members.get(m).ownedPartitions().isEmpty()) {
                partitionsOfM = setOf(granted, start[m], start[m + 1]);
            } else {
                int[] base = kept[m] != null ? kept[m] : index.resolveOwned(m);
                int[] all = Arrays.copyOf(base, base.length + got);
                System.arraycopy(granted, start[m], all, base.length, got);
                partitionsOfM = setOf(all, 0, all.length);
            }
            result.put(index.memberIds[m], partitionsOfM);
        }
        return GroupAssignment.wrap(result);
    }

    private TopicPartitionSet setOf(int[] globals, int from, int to) {
        if (!ascending(globals, from, to)) {
            Arrays.sort(globals, from, to);
        }
        return index.setOf(globals, from, to);
    }

    private static boolean ascending(int[] values, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            if (values[i] < values[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private boolean hasRoom(int m) {
        return load[m] < capacity[m];
    }

    private boolean canTakeExtra(int m) {
        return extrasLeft > 0 && capacity[m] == floor && load[m] == floor;
    }

    private void takeExtra(int g, int m) {
        capacity[m]++;
        extrasLeft--;
        give(g, m);
    }

    private void give(int g, int m) {
        set(taken, g);
        load[m]++;
        grantMember[grants] = m;
        grantPartition[grants++] = g;
    }

    /** The first partition at or after {@code g} not placed yet, or {@code partitions}. */
    private int nextFree(int g) {
        if (g >= partitions) {
            return partitions;
        }
        int w = g >>> 6;
        long free = ~taken[w] & (-1L << g);
        while (free == 0) {
            if (++w == taken.length) {
                return partitions;
            }
            free = ~taken[w];
        }
        return Math.min(partitions, (w << 6) + Long.numberOfTrailingZeros(free));
    }

    private static boolean isSet(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    private static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << i;
    }

    private static void clear(long[] bits, int i) {
        bits[i >>> 6] &= ~(1L << i);
    }
}
