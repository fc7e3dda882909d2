package io.roster.assignor.preview;

import io.roster.assignor.Assignor;
import io.roster.assignor.GroupAssignment;
import io.roster.assignor.GroupSpec;
import io.roster.assignor.MemberSpec;
import io.roster.assignor.TopicPartition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Runs assignors on a group after a scale event and compares the result with what members own now. */
public final class AssignmentPreviewer {

    private AssignmentPreviewer() {
    }

    /**
     * @throws InvalidInputException when the event does not fit the group, or an assignor
     *                               rejects the group
     */
    public static PreviewReport preview(GroupState state, ScaleEvent event, List<Assignor> assignors) {
        GroupSpec next = event.applyTo(state.group(), state.topics().topicNames());
        Set<String> before = memberIds(state.group());
        List<String> added = new ArrayList<>();
        for (MemberSpec member : next.members()) {
            if (!before.contains(member.memberId())) {
                added.add(member.memberId());
            }
        }
        Map<TopicPartition, String> ownersNow = ownersOf(state.group());
        List<AssignorPreview> previews = new ArrayList<>(assignors.size());
        for (Assignor assignor : assignors) {
            GroupAssignment assignment;
            try {
                assignment = assignor.assign(next, state.topics());
            } catch (IllegalArgumentException e) {
                // The parser checks what the assignors are documented to reject; this is the
                // safety net for anything else, still caused by the input and not by us.
                throw new InvalidInputException("assignor '" + assignor.name() + "' rejected the input: "
                        + e.getMessage());
            }
            previews.add(previewOf(assignor.name(), next, assignment, ownersNow));
        }
        return new PreviewReport(state.group().members().size(), added,
                List.copyOf(event.removeMemberIds()), previews);
    }

    private static AssignorPreview previewOf(String name, GroupSpec next, GroupAssignment assignment,
                                             Map<TopicPartition, String> ownersNow) {
        List<MemberAssignment> members = new ArrayList<>(next.members().size());
        Map<TopicPartition, String> ownersNext = new HashMap<>();
        for (MemberSpec member : next.members()) {
            var partitions = assignment.partitionsOf(member.memberId());
            members.add(new MemberAssignment(member.memberId(), member.rack(), partitions));
            partitions.forEach(tp -> ownersNext.put(tp, member.memberId()));
        }
        Set<String> staying = memberIds(next);
        List<PartitionMove> moves = new ArrayList<>();
        ownersNow.forEach((partition, from) -> {
            String to = ownersNext.get(partition);
            if (!from.equals(to)) {
                moves.add(new PartitionMove(partition, from, to, !staying.contains(from)));
            }
        });
        return new AssignorPreview(name, members, moves);
    }

    /** Sorted by partition, which is the order moves are listed in. */
    private static Map<TopicPartition, String> ownersOf(GroupSpec group) {
        Map<TopicPartition, String> owners = new TreeMap<>();
        for (MemberSpec member : group.members()) {
            member.ownedPartitions().forEach(tp -> owners.put(tp, member.memberId()));
        }
        return owners;
    }

    private static Set<String> memberIds(GroupSpec group) {
        Set<String> ids = new HashSet<>();
        group.members().forEach(m -> ids.add(m.memberId()));
        return ids;
    }
}
