package io.roster.assignor;

import static io.roster.assignor.AssignorTestFixtures.expected;
import static io.roster.assignor.AssignorTestFixtures.group;
import static io.roster.assignor.AssignorTestFixtures.member;
import static io.roster.assignor.AssignorTestFixtures.metadata;
import static io.roster.assignor.AssignorTestFixtures.partitions;
import static io.roster.assignor.AssignorTestFixtures.topic;
import static io.roster.assignor.AssignorTestFixtures.topicWithRacks;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RangeAssignorTest {

    private final Assignor range = new RangeAssignor();

    @Test
    void isNamedRange() {
        assertEquals("range", range.name());
    }

    @Test
    void sevenPartitionsOverThreeMembersGiveTheFirstMemberByIdOneMore() {
        GroupSpec group = group(member("c", "t"), member("a", "t"), member("b", "t"));

        GroupAssignment result = range.assign(group, metadata(topic("t", 7)));

        assertEquals(expected()
                .member("a", "t", 0, 1, 2)
                .member("b", "t", 3, 4)
                .member("c", "t", 5, 6)
                .build(), result);
    }

    @Test
    void topicsWithEqualPartitionCountsAndSubscribersAreCoPartitioned() {
        GroupSpec group = group(member("b", "orders", "payments"), member("a", "orders", "payments"));

        GroupAssignment result = range.assign(group, metadata(topic("orders", 5), topic("payments", 5)));

        assertEquals(expected()
                .member("a", "orders", 0, 1, 2).member("a", "payments", 0, 1, 2)
                .member("b", "orders", 3, 4).member("b", "payments", 3, 4)
                .build(), result);
    }

    @Test
    void eachTopicIsSplitOnlyAmongItsOwnSubscribers() {
        GroupSpec group = group(member("a", "t1"), member("b", "t1", "t2"), member("c", "t2"));

        GroupAssignment result = range.assign(group, metadata(topic("t1", 3), topic("t2", 4)));

        assertEquals(expected()
                .member("a", "t1", 0, 1)
                .member("b", "t1", 2).member("b", "t2", 0, 1)
                .member("c", "t2", 2, 3)
                .build(), result);
    }

    @Test
    void membersBeyondThePartitionCountGetNothing() {
        GroupSpec group = group(member("d", "t"), member("c", "t"), member("b", "t"), member("a", "t"));

        GroupAssignment result = range.assign(group, metadata(topic("t", 2)));

        assertEquals(expected()
                .member("a", "t", 0)
                .member("b", "t", 1)
                .member("c")
                .member("d")
                .build(), result);
    }

    @Test
    void ownershipIsIgnored() {
        GroupSpec owning = group(
                member("a", "t").withOwned(partitions("t", 4, 5)),
                member("b", "t").withOwned(partitions("t", 0, 1, 2)),
                member("c", "t").withOwned(partitions("t", 3)));
        GroupSpec owningNothing = group(member("a", "t"), member("b", "t"), member("c", "t"));
        TopicMetadata topics = metadata(topic("t", 6));

        GroupAssignment result = range.assign(owning, topics);

        assertEquals(expected()
                .member("a", "t", 0, 1)
                .member("b", "t", 2, 3)
                .member("c", "t", 4, 5)
                .build(), result);
        assertEquals(range.assign(owningNothing, topics), result);
    }

    @Test
    void withRacksPartitionsGoToAMemberInTheirRackWhileItHasQuota() {
        // One member a rack; c's rack holds three partitions but c's quota is two.
        GroupSpec group = group(
                member("c", "t").withRack("r3"), member("a", "t").withRack("r1"), member("b", "t").withRack("r2"));
        TopicMetadata topics = metadata(topicWithRacks("t", "r3", "r3", "r1", "r2", "r3", "r1"));

        GroupAssignment result = range.assign(group, topics);

        assertEquals(expected()
                .member("a", "t", 2, 5)
                .member("b", "t", 3, 4)
                .member("c", "t", 0, 1)
                .build(), result);
    }

    @Test
    void withRacksEachMemberStillGetsExactlyItsRangeQuota() {
        // Quotas 3, 2, 2: b's rack holds six partitions but b takes only two of them.
        GroupSpec group = group(
                member("a", "t").withRack("r1"), member("b", "t").withRack("r2"), member("c", "t").withRack("r3"));
        TopicMetadata topics = metadata(topicWithRacks("t", "r2", "r2", "r2", "r2", "r2", "r2", "r1"));

        GroupAssignment result = range.assign(group, topics);

        assertEquals(expected()
                .member("a", "t", 2, 3, 6)
                .member("b", "t", 0, 1)
                .member("c", "t", 4, 5)
                .build(), result);
    }

    @Test
    void withRacksTopicsWithEqualCountsAndRacksStayCoPartitioned() {
        GroupSpec group = group(member("a", "x", "y").withRack("r1"), member("b", "x", "y").withRack("r2"));
        TopicMetadata topics = metadata(
                topicWithRacks("x", "r2", "r1", "r2", "r1"), topicWithRacks("y", "r2", "r1", "r2", "r1"));

        GroupAssignment result = range.assign(group, topics);

        assertEquals(expected()
                .member("a", "x", 1, 3).member("a", "y", 1, 3)
                .member("b", "x", 0, 2).member("b", "y", 0, 2)
                .build(), result);
    }

    @Test
    void aPartitionWithReplicasInSeveralRacksGoesToTheFirstMemberByIdInAnyOfThem() {
        // Both partitions have replicas in r1 and r2; a (r2) comes before b (r1) by id,
        // although b comes first in the group.
        GroupSpec group = group(member("b", "t").withRack("r1"), member("a", "t").withRack("r2"));
        TopicMetadata topics = metadata(new TopicInfo("t", 2, List.of(Set.of("r1", "r2"), Set.of("r1", "r2"))));

        GroupAssignment result = range.assign(group, topics);

        assertEquals(expected()
                .member("a", "t", 0)
                .member("b", "t", 1)
                .build(), result);
    }

    @Test
    void withRacksTheResultDoesNotDependOnTheOrderOfMembers() {
        TopicMetadata topics = metadata(new TopicInfo("t", 4, List.of(
                Set.of("r1", "r2"), Set.of("r2", "r3"), Set.of("r3", "r1"), Set.of("r1"))));
        MemberSpec a = member("a", "t").withRack("r3");
        MemberSpec b = member("b", "t").withRack("r2");
        MemberSpec c = member("c", "t").withRack("r1");

        // Quotas a 2, b 1, c 1. t-0 (r1, r2): b is the first by id in one of them; t-1 (r2, r3)
        // and t-2 (r3, r1): a; t-3 (r1): c.
        GroupAssignment expected = expected()
                .member("a", "t", 1, 2)
                .member("b", "t", 0)
                .member("c", "t", 3)
                .build();

        assertEquals(expected, range.assign(group(a, b, c), topics));
        assertEquals(expected, range.assign(group(c, b, a), topics));
        assertEquals(expected, range.assign(group(b, c, a), topics));
    }

    @Test
    void racksOnlyOnMembersGiveContiguousRanges() {
        GroupSpec group = group(member("a", "t").withRack("r2"), member("b", "t").withRack("r1"));

        GroupAssignment result = range.assign(group, metadata(topic("t", 4)));

        assertEquals(expected().member("a", "t", 0, 1).member("b", "t", 2, 3).build(), result);
    }

    @Test
    void racksOnlyOnPartitionsGiveContiguousRanges() {
        GroupSpec group = group(member("a", "t"), member("b", "t"));

        GroupAssignment result = range.assign(group, metadata(topicWithRacks("t", "r2", "r2", "r1", "r1")));

        assertEquals(expected().member("a", "t", 0, 1).member("b", "t", 2, 3).build(), result);
    }
}
