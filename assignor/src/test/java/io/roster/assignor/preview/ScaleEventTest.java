package io.roster.assignor.preview;

import io.roster.assignor.GroupSpec;
import io.roster.assignor.MemberSpec;
import io.roster.assignor.TopicPartitionSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScaleEventTest {

    private static final Set<String> ALL_TOPICS = Set.of("orders", "payments", "audit");

    private static final GroupSpec GROUP = GroupSpec.of(
            new MemberSpec("m1", "host-1", "rack-a", Set.of("orders", "payments"), TopicPartitionSet.ofTopic("orders", 0)),
            MemberSpec.of("new-1", Set.of("orders")),
            MemberSpec.of("m3", Set.of("audit")));

    private static List<String> ids(GroupSpec group) {
        return group.members().stream().map(MemberSpec::memberId).toList();
    }

    @Test
    void newMembersCopyTheFirstMembersSubscriptionAndSkipIdsInUse() {
        GroupSpec next = new ScaleEvent(2, Set.of()).applyTo(GROUP, ALL_TOPICS);

        assertEquals(List.of("m1", "new-1", "m3", "new-2", "new-3"), ids(next));
        MemberSpec added = next.members().get(3);
        assertEquals(Set.of("orders", "payments"), added.subscribedTopics());
        assertEquals(null, added.rack());
        assertEquals(null, added.instanceId());
        assertEquals(TopicPartitionSet.empty(), added.ownedPartitions());
    }

    @Test
    void removedMembersGoAndTheOthersKeepTheirOrderAndState() {
        GroupSpec next = new ScaleEvent(1, Set.of("m1")).applyTo(GROUP, ALL_TOPICS);

        assertEquals(List.of("new-1", "m3", "new-2"), ids(next));
        // The leaver's subscription is still the model: it is what the deployment runs.
        assertEquals(Set.of("orders", "payments"), next.members().get(2).subscribedTopics());
        assertEquals(GROUP.members().get(2), next.members().get(1));
    }

    @Test
    void anEmptyGroupGrowsWithMembersOfEveryTopic() {
        GroupSpec next = new ScaleEvent(2, Set.of()).applyTo(new GroupSpec(List.of()), ALL_TOPICS);

        assertEquals(List.of("new-1", "new-2"), ids(next));
        assertEquals(ALL_TOPICS, next.members().get(0).subscribedTopics());
    }

    @Test
    void unknownMemberToRemoveIsBadInput() {
        ScaleEvent event = new ScaleEvent(0, Set.of("m9"));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> event.applyTo(GROUP, ALL_TOPICS));
        assertEquals("--remove-member: no member 'm9' in the group", e.getMessage());
    }

    @Test
    void negativeMemberCountIsBadInput() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new ScaleEvent(-2, Set.of()));
        assertEquals("--add-members: must not be negative, got -2", e.getMessage());
    }
}
