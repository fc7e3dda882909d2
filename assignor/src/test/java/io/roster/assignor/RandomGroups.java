package io.roster.assignor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random groups for property tests, built from a seed and a few sizes that jqwik shrinks:
 * topics with 0 to 24 partitions (optionally with replica racks), members with shuffled
 * ids, subscriptions (shared or each its own, sometimes to topics that do not exist),
 * and prior ownership of a random share of the partitions (also of topics the owner no
 * longer subscribes to).
 */
final class RandomGroups {

    private static final List<String> RACKS = List.of("rack-a", "rack-b", "rack-c");

    private RandomGroups() {
    }

    record Scenario(GroupSpec group, TopicMetadata topics) {

        /** The same members, each owning what {@code assignment} gives it. */
        Scenario owning(GroupAssignment assignment) {
            List<MemberSpec> members = new ArrayList<>();
            for (MemberSpec member : group.members()) {
                members.add(member.withOwned(assignment.partitionsOf(member.memberId())));
            }
            return new Scenario(new GroupSpec(members), topics);
        }

        Scenario with(List<MemberSpec> members) {
            return new Scenario(new GroupSpec(members), topics);
        }

        List<MemberSpec> members() {
            return group.members();
        }
    }

    static Scenario scenario(long seed, int memberCount, int topicCount, boolean homogeneous,
                             int ownedPercent, boolean racks) {
        Random random = new Random(seed);
        List<TopicInfo> topics = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int t = 0; t < topicCount; t++) {
            String name = "topic-" + t;
            int partitions = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(24);
            topics.add(new TopicInfo(name, partitions, racks ? partitionRacks(random, partitions) : List.of()));
            names.add(name);
        }
        TopicMetadata metadata = TopicMetadata.of(topics);

        Set<String> shared = subscription(random, names);
        List<MemberSpec> members = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        while (members.size() < memberCount) {
            String id = "member-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            if (!ids.add(id)) {
                continue;
            }
            Set<String> subscribed = homogeneous ? shared : subscription(random, names);
            String rack = racks && random.nextInt(4) > 0 ? RACKS.get(random.nextInt(RACKS.size())) : null;
            members.add(new MemberSpec(id, null, rack, subscribed, TopicPartitionSet.empty()));
        }
        return new Scenario(withRandomOwnership(members, metadata, random, ownedPercent), metadata);
    }

    /**
     * Each existing partition is owned, with probability {@code ownedPercent}, by one random
     * member, whether or not it subscribes to the topic (it may have unsubscribed since).
     */
    private static GroupSpec withRandomOwnership(List<MemberSpec> members, TopicMetadata metadata,
                                                 Random random, int ownedPercent) {
        if (members.isEmpty()) {
            return new GroupSpec(members);
        }
        List<TopicPartitionSet.Builder> owned = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            owned.add(TopicPartitionSet.builder());
        }
        for (TopicInfo topic : metadata.topics()) {
            for (int p = 0; p < topic.partitionCount(); p++) {
                if (random.nextInt(100) < ownedPercent) {
                    owned.get(random.nextInt(members.size())).add(topic.name(), p);
                }
            }
        }
        List<MemberSpec> result = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            result.add(members.get(m).withOwned(owned.get(m).build()));
        }
        return new GroupSpec(result);
    }

    /** A random subset of the topics, sometimes with a topic the cluster does not have. */
    static Set<String> subscription(Random random, List<String> names) {
        Set<String> topics = new HashSet<>();
        for (String name : names) {
            if (random.nextInt(3) == 0) {
                topics.add(name);
            }
        }
        if (topics.isEmpty() && !names.isEmpty()) {
            topics.add(names.get(random.nextInt(names.size())));
        }
        if (random.nextInt(8) == 0) {
            topics.add("no-such-topic");
        }
        return Set.copyOf(topics);
    }

    private static List<Set<String>> partitionRacks(Random random, int partitions) {
        List<Set<String>> racks = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            List<String> shuffled = new ArrayList<>(RACKS);
            Collections.shuffle(shuffled, random);
            racks.add(Set.copyOf(shuffled.subList(0, 1 + random.nextInt(2))));
        }
        return racks;
    }
}
