package io.roster.assignor;

import java.util.Arrays;

/**
 * The uniform assignment when every member subscribes to every indexed topic.
 *
 * <p>With {@code P} partitions and {@code n} members, every member gets {@code P / n} and
 * {@code P % n} of them one more (an "extra"). Extras go first to members that already own
 * more than {@code P / n}: that maximises what is kept, so the partitions that move are
 * exactly those the quotas force out. One pass keeps owned partitions, one deals the rest
 * round-robin to members below their quota, so each topic spreads over the members; with
 * racks, dealing prefers a member in the partition's racks.
 */
final class UniformHomogeneousBuilder {

    private final GroupIndex index;
    private final int n;
    private final int[] assignedTo;
    private final int[] load;
    private final int[] capacity;
    private final int floor;
    private int extrasLeft;

    UniformHomogeneousBuilder(GroupIndex index) {
        this.index = index;
        this.n = index.memberCount();
        this.assignedTo = new int[index.partitionCount];
        this.load = new int[n];
        this.capacity = new int[n];
        this.floor = n == 0 ? 0 : index.partitionCount / n;
        this.extrasLeft = n == 0 ? 0 : index.partitionCount % n;
    }

    int[] build() {
        if (index.partitionCount == 0) {
            return assignedTo;
        }
        Arrays.fill(assignedTo, -1);
        keepOwned();
        int[] unassigned = unassigned();
        if (index.rackAware) {
            dealRackAware(unassigned);
        } else {
            deal(unassigned, 0);
        }
        return assignedTo;
    }

    private void keepOwned() {
        for (int m = 0; m < n; m++) {
            int[] owned = index.ownedByMember[m];
            int cap = floor;
            if (owned.length > floor && extrasLeft > 0) {
                cap = floor + 1;
                extrasLeft--;
            }
            capacity[m] = cap;
            if (owned.length <= cap) {
                for (int g : owned) {
                    assignedTo[g] = m;
                }
                load[m] = owned.length;
            } else {
                keepSome(m, owned, cap);
            }
        }
    }

    /**
     * The member must give some up. It keeps those in its rack first, then takes turns
     * over its topics, so what it gives up comes from the topics it holds most of.
     */
    private void keepSome(int m, int[] owned, int cap) {
        int kept = 0;
        if (index.rackAware) {
            for (int g : owned) {
                if (kept < cap && index.rackMatches(m, g)) {
                    assignedTo[g] = m;
                    kept++;
                }
            }
        }
        int[] byTurns = interleaveTopics(owned);
        for (int i = 0; i < byTurns.length && kept < cap; i++) {
            if (assignedTo[byTurns[i]] < 0) {
                assignedTo[byTurns[i]] = m;
                kept++;
            }
        }
        load[m] = kept;
    }

    /** Ascending partitions reordered: the first of each topic, then the second of each, ... */
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
        int[] result = new int[ascending.length];
        for (int i = 0; i < ascending.length; i++) {
            result[start[rank[i]]++] = ascending[i];
        }
        return result;
    }

    private int[] unassigned() {
        int count = 0;
        for (int owner : assignedTo) {
            count += owner < 0 ? 1 : 0;
        }
        int[] result = new int[count];
        int k = 0;
        for (int g = 0; g < assignedTo.length; g++) {
            if (assignedTo[g] < 0) {
                result[k++] = g;
            }
        }
        return result;
    }

    /**
     * Deals {@code partitions[from..]} (skipping any already placed) round-robin to the
     * members below their capacity, then the extras left, one each, to members at the floor.
     */
    private void deal(int[] partitions, int from) {
        int[] open = new int[n];
        int openCount = 0;
        for (int m = 0; m < n; m++) {
            if (load[m] < capacity[m]) {
                open[openCount++] = m;
            }
        }
        int i = from;
        while (openCount > 0) {
            int stillOpen = 0;
            for (int j = 0; j < openCount; j++) {
                while (i < partitions.length && assignedTo[partitions[i]] >= 0) {
                    i++;
                }
                if (i == partitions.length) {
                    return;
                }
                int m = open[j];
                give(partitions[i++], m);
                if (load[m] < capacity[m]) {
                    open[stillOpen++] = m;
                }
            }
            openCount = stillOpen;
        }
        int m = 0;
        for (; i < partitions.length; i++) {
            if (assignedTo[partitions[i]] >= 0) {
                continue;
            }
            while (!canTakeExtra(m)) {
                m++;
            }
            takeExtra(partitions[i], m);
        }
    }

    /**
     * Rack-matched first, most constrained partitions first: 1. up to the floor, 2. the
     * extras not taken by owners; then 3. whatever is left, as without racks.
     */
    private void dealRackAware(int[] unassigned) {
        int[] ordered = RackQueues.mostConstrainedFirst(index, unassigned, unassigned.length);
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
            if (assignedTo[g] < 0) {
                int m = racks.nextMatching(g, this::canTakeExtra);
                if (m >= 0) {
                    takeExtra(g, m);
                }
            }
        }
        deal(unassigned, 0);
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
        assignedTo[g] = m;
        load[m]++;
    }
}
