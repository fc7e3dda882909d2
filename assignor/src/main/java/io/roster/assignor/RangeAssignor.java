package io.roster.assignor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka's range strategy: for each topic, the members subscribed to it, sorted by member
 * id, get contiguous ranges of partitions; the first {@code partitions % members} get one
 * more. Topics with equal partition counts and equal subscribers are therefore
 * co-partitioned: partition {@code i} of each goes to the same member.
 *
 * <p>With racks, each member still gets exactly its range quota for each topic, but a
 * partition goes first to a member (in id order) in one of its replica racks that has
 * quota left; the rest then fill the remaining quotas in order. Ranges are then no longer
 * contiguous, while co-partitioning holds for topics with equal partition counts and
 * equal partition racks. Range is not sticky: the result does not depend on ownership.
 */
public final class RangeAssignor implements Assignor {

    public static final String NAME = "range";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GroupAssignment assign(GroupSpec group, TopicMetadata topics) {
        GroupIndex index = GroupIndex.of(group, topics);
        index.ownership(); // not sticky, but owned partitions are still validated
        int[] assignedTo = new int[index.partitionCount];
        int[] byId = index.membersById();
        int[] subscribers = new int[byId.length];
        for (int t = 0; t < index.topicCount(); t++) {
            int n = 0;
            for (int m : byId) {
                if (index.subscribes(m, t)) {
                    subscribers[n++] = m;
                }
            }
            int start = index.topicStart[t];
            int count = index.topicStart[t + 1] - start;
            int[] quota = new int[n];
            for (int i = 0; i < n; i++) {
                quota[i] = count / n + (i < count % n ? 1 : 0);
            }
            if (index.rackAware) {
                assignRackAware(index, start, count, subscribers, n, quota, assignedTo);
            } else {
                int p = start;
                for (int i = 0; i < n; i++) {
                    for (int q = 0; q < quota[i]; q++) {
                        assignedTo[p++] = subscribers[i];
                    }
                }
            }
        }
        return index.toAssignment(assignedTo);
    }

    private static void assignRackAware(GroupIndex index, int start, int count, int[] subscribers, int n,
                                        int[] quota, int[] assignedTo) {
        // Per rack, the subscribers in it (positions in id order) and a cursor to the first
        // one that may still have quota: cursors only move forward, so each topic costs
        // O(partitions x replica racks + members).
        Map<Integer, List<Integer>> byRack = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int rack = index.memberRack[subscribers[i]];
            if (rack >= 0) {
                byRack.computeIfAbsent(rack, r -> new ArrayList<>()).add(i);
            }
        }
        Map<Integer, int[]> cursors = new HashMap<>();
        boolean[] placed = new boolean[count];
        for (int p = 0; p < count; p++) {
            // The first subscriber by id over all the partition's racks, as documented; not
            // the first rack with quota left, which would favour racks by name.
            int first = -1;
            for (int rack : index.partitionRacks[start + p]) {
                List<Integer> inRack = byRack.get(rack);
                if (inRack == null) {
                    continue;
                }
                int[] cursor = cursors.computeIfAbsent(rack, r -> new int[1]);
                while (cursor[0] < inRack.size() && quota[inRack.get(cursor[0])] == 0) {
                    cursor[0]++;
                }
                if (cursor[0] < inRack.size() && (first < 0 || inRack.get(cursor[0]) < first)) {
                    first = inRack.get(cursor[0]);
                }
            }
            if (first >= 0) {
                quota[first]--;
                assignedTo[start + p] = subscribers[first];
                placed[p] = true;
            }
        }
        int i = 0;
        for (int p = 0; p < count; p++) {
            if (!placed[p]) {
                while (quota[i] == 0) {
                    i++;
                }
                quota[i]--;
                assignedTo[start + p] = subscribers[i];
            }
        }
        assert Arrays.stream(quota).allMatch(q -> q == 0);
    }
}
