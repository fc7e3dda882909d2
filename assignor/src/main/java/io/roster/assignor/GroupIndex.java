package io.roster.assignor;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A group spec and its topic metadata turned into int arrays, validated once, for the
 * assignors of this package.
 *
 * <p>Members are numbered in input order (0..n-1). The topics that exist and that some
 * member subscribes to are numbered in name order; their partitions get global numbers
 * (topic 0's partitions first), so ascending global numbers are the canonical
 * topic-then-partition order. Members with equal subscriptions share one subscription
 * class.
 */
final class GroupIndex {

    private static final int[] NONE = new int[0];

    final String[] memberIds;
    final List<MemberSpec> members;
    final String[] topics;
    final int[] topicStart;           // global number of each topic's partition 0; topicStart[T] = P
    final int partitionCount;         // P: partitions of all indexed topics
    final int[] memberClass;          // member -> subscription class
    final int[][] classTopics;        // class -> its topics, ascending
    final long[][] classTopicBits;    // class -> bit set of its topics
    final TopicMetadata metadata;
    private final Map<String, Integer> topicByName;
    private final int[][] resolvedOwned;     // member -> its owned indexed partitions, once resolved
    private final boolean[] ownsUnindexed;   // member owns partitions of existing topics nobody subscribes to
    private Map<TopicPartition, Integer> unindexedOwner;
    private Ownership ownership;
    final boolean rackAware;
    final int[] memberRack;           // member -> rack id, or -1 (only when rackAware)
    final int[][] partitionRacks;     // global partition -> sorted rack ids (only when rackAware)

    private GroupIndex(GroupSpec group, TopicMetadata metadata) {
        this.metadata = metadata;
        members = group.members();
        int n = members.size();
        memberIds = new String[n];
        memberClass = new int[n];

        // 1. Subscription classes, and provisional topic numbers in order of first sight.
        // A homogeneous group is one class. Otherwise members that share one set instance
        // share a class; equal sets that are distinct instances are not merged, which only
        // costs their topic lists being built more than once.
        Map<Set<String>, Integer> classByIdentity = new IdentityHashMap<>();
        TopicNumbering numbering = new TopicNumbering(metadata);
        int[][] provisionalClassTopics = new int[Math.max(1, Math.min(n, 16))][];
        int classes = 0;
        for (int m = 0; m < n; m++) {
            MemberSpec member = members.get(m);
            memberIds[m] = member.memberId();
            Set<String> subscription = member.subscribedTopics();
            Integer cls = group.isHomogeneous() && m > 0 ? Integer.valueOf(0) : classByIdentity.get(subscription);
            if (cls == null) {
                cls = classes++;
                if (cls == provisionalClassTopics.length) {
                    provisionalClassTopics = Arrays.copyOf(provisionalClassTopics, cls * 2);
                }
                provisionalClassTopics[cls] = numbering.number(subscription);
                classByIdentity.put(subscription, cls);
            }
            memberClass[m] = cls;
        }

        // 2. Final topic numbers: by name.
        String[] byProvisional = numbering.topics();
        topics = byProvisional.clone();
        Arrays.sort(topics);
        int topicTotal = topics.length;
        topicStart = new int[topicTotal + 1];
        topicByName = new HashMap<>(topicTotal * 2);
        for (int t = 0; t < topicTotal; t++) {
            topicByName.put(topics[t], t);
            topicStart[t + 1] = topicStart[t] + metadata.partitionCount(topics[t]);
        }
        int[] finalOf = new int[topicTotal];
        for (int id = 0; id < topicTotal; id++) {
            finalOf[id] = topicByName.get(byProvisional[id]);
        }
        partitionCount = topicStart[topicTotal];

        classTopics = new int[classes][];
        classTopicBits = new long[classes][];
        for (int c = 0; c < classes; c++) {
            int[] own = provisionalClassTopics[c];
            for (int i = 0; i < own.length; i++) {
                own[i] = finalOf[own[i]];
            }
            Arrays.sort(own);
            classTopics[c] = own;
            long[] bits = new long[(topicTotal + 63) >>> 6];
            for (int t : own) {
                bits[t >>> 6] |= 1L << t;
            }
            classTopicBits[c] = bits;
        }

        // 3. Ownership is resolved (and validated) on demand: the homogeneous uniform
        // builder marks it in bit sets, the others use per-partition arrays (ownership()).
        resolvedOwned = new int[n][];
        ownsUnindexed = new boolean[n];

        // 4. Racks, only when both members and partitions have them.
        boolean anyMemberRack = false;
        for (MemberSpec member : members) {
            anyMemberRack |= member.rack() != null;
        }
        boolean anyTopicRacks = false;
        for (String topic : topics) {
            anyTopicRacks |= metadata.topic(topic).hasRacks();
        }
        rackAware = anyMemberRack && anyTopicRacks;
        if (rackAware) {
            // Racks are numbered by name, so that the order in which a partition's racks are
            // tried does not depend on the order members arrive in.
            Map<String, Integer> rackIds = new HashMap<>();
            members.stream().map(MemberSpec::rack).filter(rack -> rack != null).distinct().sorted()
                    .forEach(rack -> rackIds.put(rack, rackIds.size()));
            memberRack = new int[n];
            for (int m = 0; m < n; m++) {
                String rack = members.get(m).rack();
                memberRack[m] = rack == null ? -1 : rackIds.get(rack);
            }
            partitionRacks = new int[partitionCount][];
            int[] none = new int[0];
            for (int t = 0; t < topicTotal; t++) {
                TopicInfo info = metadata.topic(topics[t]);
                for (int p = 0; p < info.partitionCount(); p++) {
                    Set<String> racks = info.racksOf(p);
                    int[] ids = none;
                    if (!racks.isEmpty()) {
                        ids = racks.stream().map(rackIds::get).filter(id -> id != null)
                                .mapToInt(Integer::intValue).sorted().toArray();
                    }
                    partitionRacks[topicStart[t] + p] = ids;
                }
            }
        } else {
            memberRack = null;
            partitionRacks = null;
        }
    }

    static GroupIndex of(GroupSpec group, TopicMetadata metadata) {
        if (group == null || metadata == null) {
            throw new IllegalArgumentException("group spec and topic metadata must not be null");
        }
        return new GroupIndex(group, metadata);
    }

    /**
     * Numbers topics in order of first sight, and remembers topics the cluster does not
     * have (as -1), so that each topic name is looked up once per subscription class.
     */
    private static final class TopicNumbering {
        private final TopicMetadata metadata;
        private final Map<String, Integer> numbers = new HashMap<>();
        private int next;

        TopicNumbering(TopicMetadata metadata) {
            this.metadata = metadata;
        }

        /** The provisional numbers of the subscribed topics that exist. */
        int[] number(Set<String> subscription) {
            int[] own = new int[subscription.size()];
            int count = 0;
            for (String topic : subscription) {
                Integer id = numbers.get(topic);
                if (id == null) {
                    // Subscriptions to topics the cluster does not have are ignored, as Kafka does.
                    id = metadata.partitionCount(topic) > 0 ? next++ : -1;
                    numbers.put(topic, id);
                }
                if (id >= 0) {
                    own[count++] = id;
                }
            }
            return count == own.length ? own : Arrays.copyOf(own, count);
        }

        /** The numbered topics, by provisional number. */
        String[] topics() {
            String[] byNumber = new String[next];
            numbers.forEach((topic, id) -> {
                if (id >= 0) {
                    byNumber[id] = topic;
                }
            });
            return byNumber;
        }
    }

    /** Per-partition ownership, for the assignors that need it: validated, built once. */
    static final class Ownership {
        final int[] owner;              // global partition -> member owning it now, or -1
        final int[][] ownedByMember;    // member -> global partitions it owns now (indexed, ascending)

        private Ownership(int[] owner, int[][] ownedByMember) {
            this.owner = owner;
            this.ownedByMember = ownedByMember;
        }
    }

    Ownership ownership() {
        if (ownership == null) {
            int[] owner = new int[partitionCount];
            Arrays.fill(owner, -1);
            int[][] ownedByMember = new int[memberIds.length][];
            for (int m = 0; m < memberIds.length; m++) {
                ownedByMember[m] = resolveOwned(m);
                for (int g : ownedByMember[m]) {
                    if (owner[g] >= 0) {
                        throw ownedTwice(g, owner[g], m);
                    }
                    owner[g] = m;
                }
            }
            ownership = new Ownership(owner, ownedByMember);
        }
        return ownership;
    }

    /**
     * The member's owned partitions of indexed topics, as ascending global numbers;
     * validated against the metadata (resolved once per member). Owned partitions of
     * existing topics nobody subscribes to are not returned: nothing keeps them. Checking
     * that no partition is owned twice is the caller's, for indexed partitions.
     */
    int[] resolveOwned(int m) {
        if (resolvedOwned[m] != null) {
            return resolvedOwned[m];
        }
        TopicPartitionSet owned = members.get(m).ownedPartitions();
        if (owned.isEmpty()) {
            return resolvedOwned[m] = NONE;
        }
        int[] result = new int[owned.size()];
        int count = 0;
        for (int i = 0; i < owned.topicCount(); i++) {
            int t = indexedTopic(m, owned, i);
            if (t < 0) {
                continue;
            }
            int start = topicStart[t];
            for (int j = 0; j < owned.partitionCountAt(i); j++) {
                result[count++] = start + owned.partitionAt(i, j);
            }
        }
        return resolvedOwned[m] = count == result.length ? result : Arrays.copyOf(result, count);
    }

    /**
     * Validates the {@code i}-th topic of member {@code m}'s owned set against the metadata
     * and returns its topic number, or -1 for an existing topic nobody subscribes to (whose
     * partitions are then checked for a second owner here, as nothing else sees them).
     */
    int indexedTopic(int m, TopicPartitionSet owned, int i) {
        String topic = owned.topicAt(i);
        // Indexed topics exist by construction: the metadata is consulted only for others.
        Integer t = topicByName.get(topic);
        int existing = t != null ? topicStart[t + 1] - topicStart[t] : metadata.partitionCount(topic);
        int last = owned.partitionAt(i, owned.partitionCountAt(i) - 1);
        if (existing < 0) {
            throw new IllegalArgumentException("member '" + memberIds[m] + "' owns partition " + topic + "-"
                    + owned.partitionAt(i, 0) + " of topic '" + topic + "', which does not exist");
        }
        if (last >= existing) {
            throw new IllegalArgumentException("member '" + memberIds[m] + "' owns partition " + topic + "-" + last
                    + ", which does not exist: topic '" + topic + "' has " + existing + " partitions");
        }
        if (t != null) {
            return t;
        }
        ownsUnindexed[m] = true;
        if (unindexedOwner == null) {
            unindexedOwner = new HashMap<>();
        }
        for (int j = 0; j < owned.partitionCountAt(i); j++) {
            TopicPartition tp = new TopicPartition(topic, owned.partitionAt(i, j));
            Integer other = unindexedOwner.putIfAbsent(tp, m);
            if (other != null && other != m) {
                throw new IllegalArgumentException("partition " + tp + " is owned by two members: '"
                        + memberIds[other] + "' and '" + memberIds[m] + "'");
            }
        }
        return -1;
    }

    /** Whether the member's owned set is exactly its resolved partitions (nothing unindexed). */
    boolean ownsOnlyIndexed(int m) {
        resolveOwned(m);
        return !ownsUnindexed[m];
    }

    /**
     * As {@link #ownsOnlyIndexed}, for a caller that has already passed every topic of the
     * member's owned set through {@link #indexedTopic}: no resolving.
     */
    boolean checkedOwnsOnlyIndexed(int m) {
        return !ownsUnindexed[m];
    }

    IllegalArgumentException ownedTwice(int global, int first, int second) {
        int t = topicOf(global);
        return new IllegalArgumentException("partition " + topics[t] + "-" + (global - topicStart[t])
                + " is owned by two members: '" + memberIds[first] + "' and '" + memberIds[second] + "'");
    }

    int memberCount() {
        return memberIds.length;
    }

    int topicCount() {
        return topics.length;
    }

    int topicOf(int global) {
        int t = Arrays.binarySearch(topicStart, global);
        if (t >= 0) {
            // Several topics may start at the same number only if some have no partitions;
            // those are never indexed, so the match is the topic itself.
            return t;
        }
        return -t - 2;
    }

    boolean isHomogeneous() {
        return classTopics.length <= 1;
    }

    boolean subscribes(int member, int topic) {
        return (classTopicBits[memberClass[member]][topic >>> 6] & (1L << topic)) != 0;
    }

    /** Does the member sit in one of the partition's replica racks? */
    boolean rackMatches(int member, int global) {
        if (!rackAware || memberRack[member] < 0) {
            return false;
        }
        int[] racks = partitionRacks[global];
        int rack = memberRack[member];
        for (int r : racks) {
            if (r == rack) {
                return true;
            }
        }
        return false;
    }

    /** Member indices sorted by member id. */
    int[] membersById() {
        Integer[] order = new Integer[memberIds.length];
        for (int m = 0; m < order.length; m++) {
            order[m] = m;
        }
        Arrays.sort(order, (a, b) -> memberIds[a].compareTo(memberIds[b]));
        int[] result = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            result[i] = order[i];
        }
        return result;
    }

    /**
     * Builds the group assignment from {@code assignedTo} (global partition -> member).
     * A member that ends up with exactly what it owned gets its owned set object back: in a
     * rebalance of a stable group most members are such, and building nothing for them is
     * most of the saving. For the others, a counting sort by member, walking topics in
     * order, leaves their partitions ascending and grouped by topic.
     */
    GroupAssignment toAssignment(int[] assignedTo) {
        int n = memberIds.length;
        int[] start = new int[n + 1];
        for (int m : assignedTo) {
            start[m + 1]++;
        }
        boolean[] unchanged = new boolean[n];
        for (int m = 0; m < n; m++) {
            unchanged[m] = keepsExactlyWhatItOwned(m, start[m + 1], assignedTo);
        }
        for (int m = 0; m < n; m++) {
            start[m + 1] += start[m];
        }
        int[] partitionOfSlot = new int[assignedTo.length];
        int[] topicOfSlot = new int[assignedTo.length];
        int[] fill = Arrays.copyOf(start, n);
        for (int t = 0; t < topics.length; t++) {
            int first = topicStart[t];
            for (int g = first; g < topicStart[t + 1]; g++) {
                int m = assignedTo[g];
                if (!unchanged[m]) {
                    int slot = fill[m]++;
                    partitionOfSlot[slot] = g - first;
                    topicOfSlot[slot] = t;
                }
            }
        }
        LinkedHashMap<String, TopicPartitionSet> result = new LinkedHashMap<>((int) (n / 0.75f) + 1);
        for (int m = 0; m < n; m++) {
            result.put(memberIds[m], unchanged[m] ? members.get(m).ownedPartitions()
                    : toSet(partitionOfSlot, topicOfSlot, start[m], start[m + 1]));
        }
        return GroupAssignment.wrap(result);
    }

    private boolean keepsExactlyWhatItOwned(int m, int assignedCount, int[] assignedTo) {
        int[] owned = resolveOwned(m);
        if (owned.length != assignedCount || !ownsOnlyIndexed(m)) {
            return false;
        }
        for (int g : owned) {
            if (assignedTo[g] != m) {
                return false;
            }
        }
        return true;
    }

    /**
     * The set of the global partitions {@code ascending[from..to)}. Consecutive calls tend
     * to follow each other through the topics (members are dealt in order), so the topic
     * of the last call is tried before a binary search.
     */
    TopicPartitionSet setOf(int[] ascending, int from, int to) {
        if (from == to) {
            return TopicPartitionSet.empty();
        }
        String[] names = new String[Math.min(to - from, topics.length)];
        int[][] partitions = new int[names.length][];
        int k = 0;
        int i = from;
        while (i < to) {
            int t = topicNear(ascending[i]);
            int runEnd = i;
            while (runEnd < to && ascending[runEnd] < topicStart[t + 1]) {
                runEnd++;
            }
            int[] run = new int[runEnd - i];
            for (int j = i; j < runEnd; j++) {
                run[j - i] = ascending[j] - topicStart[t];
            }
            names[k] = topics[t];
            partitions[k++] = run;
            i = runEnd;
        }
        if (k < names.length) {
            names = Arrays.copyOf(names, k);
            partitions = Arrays.copyOf(partitions, k);
        }
        return TopicPartitionSet.wrapSorted(names, partitions, to - from);
    }

    private int lastTopic;

    /** {@link #topicOf}, trying the last topic found and the next one first. */
    private int topicNear(int global) {
        int t = lastTopic;
        if (global >= topicStart[t] && global < topicStart[t + 1]) {
            return t;
        }
        if (t + 2 < topicStart.length && global >= topicStart[t + 1] && global < topicStart[t + 2]) {
            return lastTopic = t + 1;
        }
        return lastTopic = topicOf(global);
    }

    private TopicPartitionSet toSet(int[] partitionOfSlot, int[] topicOfSlot, int from, int to) {
        if (from == to) {
            return TopicPartitionSet.empty();
        }
        int topicsHeld = 1;
        for (int i = from + 1; i < to; i++) {
            if (topicOfSlot[i] != topicOfSlot[i - 1]) {
                topicsHeld++;
            }
        }
        String[] names = new String[topicsHeld];
        int[][] partitions = new int[topicsHeld][];
        int k = 0;
        int runStart = from;
        for (int i = from + 1; i <= to; i++) {
            if (i == to || topicOfSlot[i] != topicOfSlot[i - 1]) {
                names[k] = topics[topicOfSlot[runStart]];
                partitions[k++] = Arrays.copyOfRange(partitionOfSlot, runStart, i);
                runStart = i;
            }
        }
        return TopicPartitionSet.wrapSorted(names, partitions, to - from);
    }
}
