package io.roster.offsets;

import java.util.Objects;
import java.util.Set;

/**
 * What one member owns, as published by the coordinator.
 *
 * @param memberEpoch         the member's current epoch
 * @param previousMemberEpoch the epoch before its last bump: a commit sent just before the
 *                            member learned of its new epoch still presents it
 * @param partitions          the partitions the member owns now (may be empty)
 */
public record MemberOwnership(int memberEpoch, int previousMemberEpoch, Set<PartitionId> partitions) {

    public MemberOwnership {
        if (memberEpoch < 0 || previousMemberEpoch < 0) {
            throw new IllegalArgumentException("member epochs must not be negative: " + memberEpoch + ", "
                    + previousMemberEpoch);
        }
        partitions = Set.copyOf(Objects.requireNonNull(partitions, "partitions"));
    }

    /** A member whose epoch has not changed since it joined (or whose previous one no longer counts). */
    public MemberOwnership(int memberEpoch, Set<PartitionId> partitions) {
        this(memberEpoch, memberEpoch, partitions);
    }

    public boolean owns(PartitionId partition) {
        return partitions.contains(partition);
    }

    /** The member's current epoch or the one before it. */
    public boolean acceptsEpoch(int presentedEpoch) {
        return presentedEpoch == memberEpoch || presentedEpoch == previousMemberEpoch;
    }
}
