package io.roster.assignor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The members of a group, in the order the assignor considers them. The order is part of
 * the input: the same members in the same order always give the same assignment.
 */
public record GroupSpec(List<MemberSpec> members) {

    public GroupSpec {
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
        members = List.copyOf(members);
    }

    public static GroupSpec of(MemberSpec... members) {
        return new GroupSpec(List.of(members));
    }

    /** True when every member subscribes to the same topics (cheap when they share one set). */
    public boolean isHomogeneous() {
        if (members.isEmpty()) {
            return true;
        }
        Set<String> first = members.get(0).subscribedTopics();
        for (MemberSpec member : members) {
            Set<String> topics = member.subscribedTopics();
            if (topics != first && !topics.equals(first)) {
                return false;
            }
        }
        return true;
    }
}
