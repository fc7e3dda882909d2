package io.roster.assignor;

import java.util.Arrays;

/**
 * The uniform assignment when every member subscribes to every indexed topic.
 *
 * <p>With {@code P} partitions and {@code n} members, every member gets {@code P / n} and
 * {@code P % n} of them one more (an "extra"). Extras go first to members that already own
 * more than {@code P / n}: that maximises what is kept, so the partitions that move are
 * exactly those the quotas force out. One pass keeps owned partitions, one fills the
 * quotas; with racks, filling prefers a member in the partition's racks.
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
        if (index.rackAware) {
            fillRackAware();
        } else {
            fillInOrder();
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

    /** The member must give some up: it keeps those in its rack first, then the lowest. */
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
        for (int g : owned) {
            if (kept < cap && assignedTo[g] < 0) {
                assignedTo[g] = m;
                kept++;
            }
        }
        load[m] = kept;
    }

    /** Without racks: unassigned partitions in order to members in order, up to capacity. */
    private void fillInOrder() {
        int m = 0;
        int g = 0;
        int partitions = assignedTo.length;
        for (; g < partitions; g++) {
            if (assignedTo[g] >= 0) {
                continue;
            }
            while (m < n && load[m] >= capacity[m]) {
                m++;
            }
            if (m == n) {
                break;
            }
            assignedTo[g] = m;
            load[m]++;
        }
        // What is left are the extras not taken by owners: one each to members at the floor.
        int e = 0;
        for (; g < partitions; g++) {
            if (assignedTo[g] >= 0) {
                continue;
            }
            while (capacity[e] > floor) {
                e++;
            }
            capacity[e]++;
            load[e]++;
            assignedTo[g] = e;
            extrasLeft--;
        }
    }

    private void fillRackAware() {
        RackQueues racks = new RackQueues(index, n);
        // 1. Rack-matched, up to the floor; 2. rack-matched extras; 3. anyone up to the
        // floor; 4. the remaining extras to anyone at the floor.
        for (int g = 0; g < assignedTo.length; g++) {
            if (assignedTo[g] < 0) {
                int m = racks.firstMatching(g, this::hasRoom);
                if (m >= 0) {
                    give(g, m);
                }
            }
        }
        racks.rewind();
        for (int g = 0; g < assignedTo.length && extrasLeft > 0; g++) {
            if (assignedTo[g] < 0) {
                int m = racks.firstMatching(g, this::canTakeExtra);
                if (m >= 0) {
                    capacity[m]++;
                    extrasLeft--;
                    give(g, m);
                }
            }
        }
        int m = 0;
        int e = 0;
        for (int g = 0; g < assignedTo.length; g++) {
            if (assignedTo[g] >= 0) {
                continue;
            }
            while (m < n && !hasRoom(m)) {
                m++;
            }
            if (m < n) {
                give(g, m);
                continue;
            }
            while (!canTakeExtra(e)) {
                e++;
            }
            capacity[e]++;
            extrasLeft--;
            give(g, e);
        }
    }

    private boolean hasRoom(int m) {
        return load[m] < capacity[m];
    }

    private boolean canTakeExtra(int m) {
        return extrasLeft > 0 && capacity[m] == floor && load[m] == floor;
    }

    private void give(int g, int m) {
        assignedTo[g] = m;
        load[m]++;
    }
}
