package io.roster.assignor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The members of a group, in the order the assignor considers them. The order is part of
 * the input: the same members in the same order always give the same assignment.
 *
 * <p>Whether all members subscribe to the same topics is worked out once, here, so that
 * each {@code assign} call does not compare subscriptions again (a coordinator keeps one
 * spec per group epoch and may assign with several assignors, e.g. for a preview).
 */
public final class GroupSpec {

    private final List<MemberSpec> members;
    private final boolean homogeneous;

    public GroupSpec(List<MemberSpec> members) {
        if (members == null) {
            throw new IllegalArgumentException("members must not be null");
        }
        Map<String, Integer> positions = new HashMap<>(members.size() * 2);
        for (int i = 0; i < members.size(); i++) {
            MemberSpec member = members.get(i);
            if (member == null) {
                throw new IllegalArgumentException("member at position " + i + " is null");
            }
            Integer earlier = positions.putIfAbsent(member.memberId(), i);
            if (earlier != null) {
                throw new IllegalArgumentException("member id '" + member.memberId() + "' is used twice (positions "
                        + earlier + " and " + i + ")");
            }
        }
        this.members = List.copyOf(members);
        this.homogeneous = allSubscribeAlike(this.members);
    }

    public static GroupSpec of(MemberSpec... members) {
        return new GroupSpec(List.of(members));
    }

    public List<MemberSpec> members() {
        return members;
    }

    /** True when every member subscribes to the same topics (an empty group included). */
    public boolean isHomogeneous() {
        return homogeneous;
    }

    private static boolean allSubscribeAlike(List<MemberSpec> members) {
        if (members.isEmpty()) {
            return true;
        }
        Set<String> first = members.get(0).subscribedTopics();
        for (MemberSpec member : members) {
            Set<String> topics = member.subscribedTopics();
            // Identity first: members that share one subscription set cost nothing.
            if (topics != first && !topics.equals(first)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupSpec other && members.equals(other.members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    @Override
    public String toString() {
        return "GroupSpec" + members;
    }
}
