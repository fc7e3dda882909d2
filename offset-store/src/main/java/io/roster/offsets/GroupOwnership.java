package io.roster.offsets;

import java.util.Map;
import java.util.Objects;

/**
 * A group's ownership table as last published by the coordinator (for admin reads and tests).
 *
 * @param version      the version of the last applied publish; 0 when nothing was ever published
 * @param members      member id to what it owns; empty when the group has no live members
 * @param emptySinceMs when the table became empty (epoch millis), or {@link #NOT_EMPTY} while it has members
 */
public record GroupOwnership(long version, Map<String, MemberOwnership> members, long emptySinceMs) {

    /** {@link #emptySinceMs()} of a group that has live members. */
    public static final long NOT_EMPTY = -1L;

    public GroupOwnership {
        members = Map.copyOf(Objects.requireNonNull(members, "members"));
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }
}
