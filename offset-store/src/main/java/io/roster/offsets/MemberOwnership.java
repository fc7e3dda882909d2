package io.roster.offsets;

import java.util.Objects;
import java.util.Set;

/**
 * What one member owns, as published by the coordinator.
 *
 * @param memberEpoch the member's current epoch; a commit must present exactly this epoch
 * @param partitions  the partitions the member owns at that epoch (may be empty)
 */
public record MemberOwnership(int memberEpoch, Set<PartitionId> partitions) {

    public MemberOwnership {
        if (memberEpoch < 0) {
            throw new IllegalArgumentException("member epoch must not be negative: " + memberEpoch);
        }
        partitions = Set.copyOf(Objects.requireNonNull(partitions, "partitions"));
    }

    public boolean owns(PartitionId partition) {
        return partitions.contains(partition);
    }
}
