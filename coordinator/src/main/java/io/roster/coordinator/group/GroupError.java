package io.roster.coordinator.group;

/** Errors of the group protocol, as members see them. */
public enum GroupError {
    /** The member id is not (or no longer) in the group: rejoin with an empty id. */
    UNKNOWN_MEMBER,
    /** The epoch presented is not the member's: it was fenced; rejoin. */
    FENCED_MEMBER_EPOCH,
    /** The request is malformed. */
    INVALID_REQUEST
}
