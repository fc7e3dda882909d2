package io.roster.assignor.preview;

import java.util.List;

/**
 * What one assignor would do to the group after the scale event.
 *
 * @param assignor the assignor's name
 * @param members  every member after the event, in group order, with its partitions
 * @param moves    the partitions that leave their current owner, in topic-partition order
 */
public record AssignorPreview(String assignor, List<MemberAssignment> members, List<PartitionMove> moves) {

    public AssignorPreview {
        members = List.copyOf(members);
        moves = List.copyOf(moves);
    }

    /** The partitions assigned, all members together. */
    public int partitionCount() {
        return members.stream().mapToInt(m -> m.partitions().size()).sum();
    }

    /** The fewest partitions a member gets; 0 when the group is empty. */
    public int minPerMember() {
        return members.stream().mapToInt(m -> m.partitions().size()).min().orElse(0);
    }

    /** The most partitions a member gets; 0 when the group is empty. */
    public int maxPerMember() {
        return members.stream().mapToInt(m -> m.partitions().size()).max().orElse(0);
    }

    public int balance() {
        return maxPerMember() - minPerMember();
    }

    /** The moves no assignor could avoid: their owner leaves. */
    public long forcedMoves() {
        return moves.stream().filter(PartitionMove::ownerLeft).count();
    }
}
