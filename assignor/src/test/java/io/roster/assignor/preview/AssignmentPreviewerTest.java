package io.roster.assignor.preview;

import io.roster.assignor.GroupSpec;
import io.roster.assignor.MemberSpec;
import io.roster.assignor.RoundRobinAssignor;
import io.roster.assignor.TopicInfo;
import io.roster.assignor.TopicMetadata;
import io.roster.assignor.TopicPartition;
import io.roster.assignor.TopicPartitionSet;
import io.roster.assignor.UniformAssignor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AssignmentPreviewerTest {

    private static final TopicMetadata TOPICS = TopicMetadata.of(new TopicInfo("orders", 4), new TopicInfo("audit", 2));

    @Test
    void partitionsNobodyLeftSubscribesToMoveToNoMember() {
        GroupState state = new GroupState(TOPICS, GroupSpec.of(
                new MemberSpec("m1", null, null, Set.of("orders"), TopicPartitionSet.ofTopic("orders", 0, 1, 2, 3)),
                new MemberSpec("auditor", null, null, Set.of("audit"), TopicPartitionSet.ofTopic("audit", 0, 1))));

        PreviewReport report = AssignmentPreviewer.preview(state, new ScaleEvent(0, Set.of("auditor")),
                List.of(new UniformAssignor()));

        AssignorPreview preview = report.assignors().get(0);
        assertEquals(List.of(
                new PartitionMove(new TopicPartition("audit", 0), "auditor", null, true),
                new PartitionMove(new TopicPartition("audit", 1), "auditor", null, true)), preview.moves());
        assertEquals(4, preview.partitionCount());
        assertEquals(2, preview.forcedMoves());
    }

    @Test
    void movesBetweenStayingMembersAreNotForced() {
        GroupState state = new GroupState(TOPICS, GroupSpec.of(
                new MemberSpec("m1", null, null, Set.of("orders"), TopicPartitionSet.ofTopic("orders", 0, 1)),
                new MemberSpec("m2", null, null, Set.of("orders"), TopicPartitionSet.ofTopic("orders", 2, 3))));

        // Round-robin ignores ownership: m1 gets 0 and 2, m2 gets 1 and 3.
        AssignorPreview preview = AssignmentPreviewer.preview(state, ScaleEvent.none(),
                List.of(new RoundRobinAssignor())).assignors().get(0);

        assertEquals(List.of(
                new PartitionMove(new TopicPartition("orders", 1), "m1", "m2", false),
                new PartitionMove(new TopicPartition("orders", 2), "m2", "m1", false)), preview.moves());
        assertEquals(0, preview.forcedMoves());
        assertEquals(0, preview.balance());
    }

    @Test
    void aGroupThatEmptiesHasZeroFiguresAndEveryPartitionLeaves() {
        GroupState state = new GroupState(TOPICS, GroupSpec.of(
                new MemberSpec("m1", null, null, Set.of("orders"), TopicPartitionSet.ofTopic("orders", 0, 1))));

        PreviewReport report = AssignmentPreviewer.preview(state, new ScaleEvent(0, Set.of("m1")),
                List.of(new UniformAssignor()));

        AssignorPreview preview = report.assignors().get(0);
        assertEquals(List.of(), preview.members());
        assertEquals(0, preview.minPerMember());
        assertEquals(0, preview.maxPerMember());
        assertEquals(0, preview.partitionCount());
        assertEquals(2, preview.moves().size());
        assertEquals(2, preview.forcedMoves());
        assertEquals(1, report.membersBefore());
        assertEquals(List.of("m1"), report.removedMembers());
    }
}
