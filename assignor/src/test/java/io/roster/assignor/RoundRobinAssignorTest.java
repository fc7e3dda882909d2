package io.roster.assignor;

import static io.roster.assignor.AssignorTestFixtures.expected;
import static io.roster.assignor.AssignorTestFixtures.group;
import static io.roster.assignor.AssignorTestFixtures.member;
import static io.roster.assignor.AssignorTestFixtures.metadata;
import static io.roster.assignor.AssignorTestFixtures.partitions;
import static io.roster.assignor.AssignorTestFixtures.topic;
import static io.roster.assignor.AssignorTestFixtures.topicWithRacks;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RoundRobinAssignorTest {

    private final Assignor roundRobin = new RoundRobinAssignor();

    @Test
    void isNamedRoundRobin() {
        assertEquals("round-robin", roundRobin.name());
    }

    @Test
    void equalSubscriptionsDealPartitionsInTopicThenPartitionOrderToMembersById() {
        GroupSpec group = group(member("c", "t1", "t2"), member("a", "t1", "t2"), member("b", "t1", "t2"));

        GroupAssignment result = roundRobin.assign(group, metadata(topic("t2", 2), topic("t1", 3)));

        // t1-0 a, t1-1 b, t1-2 c, t2-0 a, t2-1 b: the deal goes on across topics.
        assertEquals(expected()
                .member("a", "t1", 0).member("a", "t2", 0)
                .member("b", "t1", 1).member("b", "t2", 1)
                .member("c", "t1", 2)
                .build(), result);
    }

    @Test
    void membersNotSubscribedToATopicAreSkippedForItsPartitions() {
        // Kafka's documented example: c0 {t0}, c1 {t0, t1}, c2 {t0, t1, t2}.
        GroupSpec group = group(member("c2", "t0", "t1", "t2"), member("c1", "t0", "t1"), member("c0", "t0"));

        GroupAssignment result = roundRobin.assign(group, metadata(topic("t0", 1), topic("t1", 2), topic("t2", 3)));

        assertEquals(expected()
                .member("c0", "t0", 0)
                .member("c1", "t1", 0)
                .member("c2", "t1", 1).member("c2", "t2", 0, 1, 2)
                .build(), result);
    }

    @Test
    void theDealContinuesWithTheNextMemberAfterASkip() {
        // b is skipped for x-1, then y-0 goes to the member after the one that took x-1.
        GroupSpec group = group(member("a", "x", "y"), member("b", "y"), member("c", "x", "y"));

        GroupAssignment result = roundRobin.assign(group, metadata(topic("x", 2), topic("y", 3)));

        // x-0 a, x-1 c (b skipped), y-0 a, y-1 b, y-2 c.
        assertEquals(expected()
                .member("a", "x", 0).member("a", "y", 0)
                .member("b", "y", 1)
                .member("c", "x", 1).member("c", "y", 2)
                .build(), result);
    }

    @Test
    void theResultDoesNotDependOnTheOrderOfMembers() {
        List<MemberSpec> members = List.of(
                member("a", "x", "y"), member("b", "y"), member("c", "x", "y", "z"), member("d", "z"));
        TopicMetadata topics = metadata(topic("x", 3), topic("y", 4), topic("z", 5));
        // x-0 a, x-1 c, x-2 a, y-0 b, y-1 c, y-2 a, y-3 b, z-0 c, z-1 d, z-2 c, z-3 d, z-4 c.
        GroupAssignment expected = expected()
                .member("a", "x", 0, 2).member("a", "y", 2)
                .member("b", "y", 0, 3)
                .member("c", "x", 1).member("c", "y", 1).member("c", "z", 0, 2, 4)
                .member("d", "z", 1, 3)
                .build();

        for (List<MemberSpec> order : permutations(members)) {
            assertEquals(expected, roundRobin.assign(new GroupSpec(order), topics), () -> "members in order " + order);
        }
    }

    @Test
    void ownershipAndRacksAreIgnored() {
        GroupSpec group = group(
                member("a", "t").withRack("r1").withOwned(partitions("t", 1, 3)),
                member("b", "t").withRack("r2").withOwned(partitions("t", 0, 2)));

        GroupAssignment result = roundRobin.assign(group, metadata(topicWithRacks("t", "r2", "r1", "r2", "r1")));

        assertEquals(expected().member("a", "t", 0, 2).member("b", "t", 1, 3).build(), result);
    }

    @Test
    void membersBeyondThePartitionCountGetNothing() {
        GroupSpec group = group(member("a", "t"), member("b", "t"), member("c", "t"));

        GroupAssignment result = roundRobin.assign(group, metadata(topic("t", 2)));

        assertEquals(expected().member("a", "t", 0).member("b", "t", 1).member("c").build(), result);
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> permutation = new ArrayList<>();
                permutation.add(first);
                permutation.addAll(tail);
                result.add(permutation);
            }
        }
        return result;
    }
}
