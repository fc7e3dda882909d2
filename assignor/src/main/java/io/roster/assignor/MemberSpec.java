package io.roster.assignor;

import java.util.Set;

/**
 * One member of a group as an assignor sees it.
 *
 * @param memberId         unique within the group
 * @param instanceId       static instance id, or {@code null} for a dynamic member
 * @param rack             the member's rack, or {@code null} when unknown
 * @param subscribedTopics topic names; topics the cluster does not have are ignored
 * @param ownedPartitions  the partitions the member owns now (stickiness starts from them)
 */
public record MemberSpec(String memberId, String instanceId, String rack,
                         Set<String> subscribedTopics, TopicPartitionSet ownedPartitions) {

    public MemberSpec {
        if (memberId == null || memberId.isEmpty()) {
            throw new IllegalArgumentException("member id must not be null or empty (instance id " + instanceId
                    + ", subscribed to " + subscribedTopics + ")");
        }
        if (subscribedTopics == null) {
            throw new IllegalArgumentException("member '" + memberId + "' has null subscribed topics");
        }
        // Set.copyOf returns an already immutable set as it is: groups whose members share
        // one subscription set pay nothing here, however many topics it has.
        try {
            subscribedTopics = Set.copyOf(subscribedTopics);
        } catch (NullPointerException e) {
            throw new IllegalArgumentException("member '" + memberId + "' subscribes to a null topic");
        }
        if (ownedPartitions == null) {
            ownedPartitions = TopicPartitionSet.empty();
        }
    }

    /** A dynamic member without rack that owns nothing yet. */
    public static MemberSpec of(String memberId, Set<String> subscribedTopics) {
        return new MemberSpec(memberId, null, null, subscribedTopics, TopicPartitionSet.empty());
    }

    public MemberSpec withOwned(TopicPartitionSet owned) {
        return new MemberSpec(memberId, instanceId, rack, subscribedTopics, owned);
    }

    public MemberSpec withRack(String newRack) {
        return new MemberSpec(memberId, instanceId, newRack, subscribedTopics, ownedPartitions);
    }

    public MemberSpec withInstanceId(String newInstanceId) {
        return new MemberSpec(memberId, newInstanceId, rack, subscribedTopics, ownedPartitions);
    }

    public MemberSpec withSubscribedTopics(Set<String> topics) {
        return new MemberSpec(memberId, instanceId, rack, topics, ownedPartitions);
    }
}
