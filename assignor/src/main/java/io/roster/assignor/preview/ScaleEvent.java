package io.roster.assignor.preview;

import io.roster.assignor.GroupSpec;
import io.roster.assignor.MemberSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Members joining and leaving a group at once, as an operator's scale event would make them.
 *
 * <p>New members are named {@code new-1}, {@code new-2}, ... (skipping ids the group already
 * uses), have no rack and own nothing. They subscribe to the topics of the group's first
 * member, because a scaled-out consumer usually runs the same code as the ones already
 * there; a group with no members yet has no such model, so they subscribe to every topic.
 *
 * @param addMembers      how many members join, zero or more
 * @param removeMemberIds the ids of the members that leave; each must be in the group
 */
public record ScaleEvent(int addMembers, Set<String> removeMemberIds) {

    public ScaleEvent {
        if (addMembers < 0) {
            throw new InvalidInputException("--add-members: must not be negative, got " + addMembers);
        }
        // Command-line order, so that the first unknown id given is the one reported.
        removeMemberIds = Collections.unmodifiableSet(new LinkedHashSet<>(removeMemberIds));
    }

    public static ScaleEvent none() {
        return new ScaleEvent(0, Set.of());
    }

    /**
     * The group after the event: the members that stay in their order, then the new ones.
     *
     * @param allTopics what new members subscribe to when the group has no member to copy
     * @throws InvalidInputException when a member to remove is not in the group
     */
    public GroupSpec applyTo(GroupSpec current, Set<String> allTopics) {
        Set<String> ids = new HashSet<>();
        current.members().forEach(m -> ids.add(m.memberId()));
        for (String id : removeMemberIds) {
            if (!ids.contains(id)) {
                throw new InvalidInputException("--remove-member: no member '" + id + "' in the group");
            }
        }
        List<MemberSpec> next = new ArrayList<>();
        for (MemberSpec member : current.members()) {
            if (!removeMemberIds.contains(member.memberId())) {
                next.add(member);
            }
        }
        Set<String> subscription = current.members().isEmpty()
                ? allTopics
                : current.members().get(0).subscribedTopics();
        int suffix = 0;
        for (int i = 0; i < addMembers; i++) {
            String id;
            do {
                id = "new-" + ++suffix;
            } while (ids.contains(id));
            next.add(MemberSpec.of(id, subscription));
        }
        return new GroupSpec(next);
    }
}
