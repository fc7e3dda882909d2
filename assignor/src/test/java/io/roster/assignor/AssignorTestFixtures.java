package io.roster.assignor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Short builders for the inputs and expected outputs of the assignor tests. */
final class AssignorTestFixtures {

    private AssignorTestFixtures() {
    }

    /** A dynamic member without rack that owns nothing. */
    static MemberSpec member(String id, String... topics) {
        return MemberSpec.of(id, Set.of(topics));
    }

    static GroupSpec group(MemberSpec... members) {
        return GroupSpec.of(members);
    }

    static TopicInfo topic(String name, int partitionCount) {
        return new TopicInfo(name, partitionCount);
    }

    /** A topic whose partition {@code p} has one replica, in rack {@code rackOfPartition[p]}. */
    static TopicInfo topicWithRacks(String name, String... rackOfPartition) {
        List<Set<String>> racks = new ArrayList<>();
        for (String rack : rackOfPartition) {
            racks.add(Set.of(rack));
        }
        return new TopicInfo(name, rackOfPartition.length, racks);
    }

    static TopicMetadata metadata(TopicInfo... topics) {
        return TopicMetadata.of(topics);
    }

    static TopicPartitionSet partitions(String topic, int... partitions) {
        return TopicPartitionSet.ofTopic(topic, partitions);
    }

    /** The same members, each owning what {@code assignment} gave it. */
    static GroupSpec owning(GroupSpec group, GroupAssignment assignment) {
        return new GroupSpec(group.members().stream()
                .map(m -> m.withOwned(assignment.partitionsOf(m.memberId())))
                .toList());
    }

    /** What each member of the group owns now, as an assignment. */
    static GroupAssignment ownership(GroupSpec group) {
        Map<String, TopicPartitionSet> owned = new LinkedHashMap<>();
        group.members().forEach(m -> owned.put(m.memberId(), m.ownedPartitions()));
        return GroupAssignment.of(owned);
    }

    /** The same members plus {@code newcomers}, appended. */
    static GroupSpec plus(GroupSpec group, MemberSpec... newcomers) {
        List<MemberSpec> members = new ArrayList<>(group.members());
        members.addAll(Arrays.asList(newcomers));
        return new GroupSpec(members);
    }

    /** The same members without {@code memberId}. */
    static GroupSpec without(GroupSpec group, String memberId) {
        return new GroupSpec(group.members().stream().filter(m -> !m.memberId().equals(memberId)).toList());
    }

    static ExpectedAssignment expected() {
        return new ExpectedAssignment();
    }

    /** Builds a {@link GroupAssignment} member by member, topic by topic. */
    static final class ExpectedAssignment {
        private final Map<String, TopicPartitionSet.Builder> members = new LinkedHashMap<>();

        private ExpectedAssignment() {
        }

        /** The member gets these partitions of the topic (in addition to earlier calls). */
        ExpectedAssignment member(String memberId, String topic, int... partitions) {
            TopicPartitionSet.Builder builder = members.computeIfAbsent(memberId, id -> TopicPartitionSet.builder());
            for (int p : partitions) {
                builder.add(topic, p);
            }
            return this;
        }

        /** The member gets nothing (it still has an entry). */
        ExpectedAssignment member(String memberId) {
            members.computeIfAbsent(memberId, id -> TopicPartitionSet.builder());
            return this;
        }

        GroupAssignment build() {
            Map<String, TopicPartitionSet> result = new LinkedHashMap<>();
            members.forEach((id, builder) -> result.put(id, builder.build()));
            return GroupAssignment.of(result);
        }
    }
}
