package io.roster.coordinator.store;

import io.roster.coordinator.group.GroupError;
import io.roster.coordinator.group.GroupMember;
import io.roster.coordinator.group.GroupProtocolException;
import io.roster.coordinator.group.GroupUpdate;
import io.roster.coordinator.group.MemberView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the node that sent an event needs back from the node that applied it.
 *
 * @param response         the answer to the sender, or {@code null}
 * @param membersToNotify  members to push to
 * @param removed          members that left or expired
 * @param groupEpoch       the group epoch after the event
 * @param ownershipVersion the version of {@code ownership}
 * @param ownership        every member's ownership, when it changed; else empty
 * @param error            why the event was refused, or {@code null}; nothing changed then
 * @param errorMessage     the refusal's message, or {@code null}
 */
public record GroupEventResult(MemberView response, Set<String> membersToNotify, List<String> removed,
                               int groupEpoch, long ownershipVersion, List<MemberOwnership> ownership,
                               GroupError error, String errorMessage) {

    static GroupEventResult refused(GroupProtocolException refusal) {
        return new GroupEventResult(null, Set.of(), List.of(), 0, 0, List.of(), refusal.error(), refusal.getMessage());
    }

    public boolean ownershipChanged() {
        return !ownership.isEmpty() || !removed.isEmpty();
    }

    static GroupEventResult of(GroupUpdate update) {
        List<MemberOwnership> ownership = new ArrayList<>();
        if (update.ownershipChanged()) {
            for (GroupMember member : update.group().members().values()) {
                ownership.add(MemberOwnership.of(member));
            }
        }
        return new GroupEventResult(update.response(), update.membersToNotify(), update.removed(),
                update.group().groupEpoch(), update.group().ownershipVersion(), List.copyOf(ownership), null, null);
    }
}
