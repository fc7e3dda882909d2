package io.roster.coordinator.group;

import java.util.List;
import java.util.Set;

/**
 * The result of one event on a group.
 *
 * @param group            the new state (the same object when nothing changed)
 * @param response         what to answer the member that sent the event, or {@code null}
 * @param membersToNotify  other members whose assignment or epoch changed: push to them now
 * @param removed          members that left or expired
 * @param ownershipChanged some member's owned partitions or epochs changed: publish the
 *                         ownership table (version {@code group.ownershipVersion()}) to the
 *                         offset store before telling anyone
 */
public record GroupUpdate(ConsumerGroup group, MemberView response, Set<String> membersToNotify, List<String> removed,
                          boolean ownershipChanged) {

    public GroupUpdate {
        membersToNotify = Set.copyOf(membersToNotify);
        removed = List.copyOf(removed);
    }

    public static GroupUpdate unchanged(ConsumerGroup group) {
        return new GroupUpdate(group, null, Set.of(), List.of(), false);
    }
}
