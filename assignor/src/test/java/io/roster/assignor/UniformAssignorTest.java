package io.roster.assignor;

import static io.roster.assignor.AssignmentAssertions.assertBalanced;
import static io.roster.assignor.AssignmentAssertions.assertCompleteAndExclusive;
import static io.roster.assignor.AssignmentAssertions.assertNoImprovingMove;
import static io.roster.assignor.AssignmentAssertions.moved;
import static io.roster.assignor.AssignorTestFixtures.expected;
import static io.roster.assignor.AssignorTestFixtures.group;
import static io.roster.assignor.AssignorTestFixtures.member;
import static io.roster.assignor.AssignorTestFixtures.metadata;
import static io.roster.assignor.AssignorTestFixtures.owning;
import static io.roster.assignor.AssignorTestFixtures.ownership;
import static io.roster.assignor.AssignorTestFixtures.partitions;
import static io.roster.assignor.AssignorTestFixtures.plus;
import static io.roster.assignor.AssignorTestFixtures.topic;
import static io.roster.assignor.AssignorTestFixtures.topicWithRacks;
import static io.roster.assignor.AssignorTestFixtures.without;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UniformAssignorTest {

    private final Assignor uniform = new UniformAssignor();

    /** {@code count} members m0, m1, ... all subscribed to {@code topics}. */
    private static GroupSpec membersOf(int count, String... topics) {
        return new GroupSpec(IntStream.range(0, count).mapToObj(i -> member("m" + i, topics)).toList());
    }

    /** What the assignor gives the group from scratch, then owned by it. */
    private GroupSpec stableGroup(GroupSpec group, TopicMetadata topics) {
        GroupSpec stable = owning(group, uniform.assign(group, topics));
        assertEquals(ownership(stable), uniform.assign(stable, topics), "a stable group stays as it is");
        return stable;
    }

    @Test
    void isNamedUniformAndIsTheDefault() {
        assertEquals("uniform", uniform.name());
        assertEquals("uniform", AssignorRegistry.DEFAULT_ASSIGNOR);
        assertTrue(AssignorRegistry.withDefaults().get(AssignorRegistry.DEFAULT_ASSIGNOR) instanceof UniformAssignor);
    }

    @Nested
    class Homogeneous {

        @ParameterizedTest(name = "{0} members, {1} + {2} partitions")
        @CsvSource({"3, 4, 3", "4, 2, 2", "5, 2, 1", "2, 6, 5", "1, 3, 3", "7, 10, 13"})
        void fromEmptyEveryPartitionGoesOnceAndCountsDifferByAtMostOne(int members, int t1, int t2) {
            GroupSpec group = membersOf(members, "t1", "t2");
            TopicMetadata topics = metadata(topic("t1", t1), topic("t2", t2));

            GroupAssignment result = uniform.assign(group, topics);

            assertCompleteAndExclusive(group, topics, result);
            assertBalanced(result);
        }

        @Test
        void membersKeepTheirOwnedPartitionsWhenTheyAreBalanced() {
            GroupSpec group = group(
                    member("a", "t").withOwned(partitions("t", 5, 1)),
                    member("b", "t").withOwned(partitions("t", 0, 4, 6)),
                    member("c", "t").withOwned(partitions("t", 2, 3)));

            GroupAssignment result = uniform.assign(group, metadata(topic("t", 7)));

            assertEquals(expected()
                    .member("a", "t", 1, 5)
                    .member("b", "t", 0, 4, 6)
                    .member("c", "t", 2, 3)
                    .build(), result);
        }

        @Test
        void aMemberOwningMoreThanItsQuotaKeepsItsQuotaOfThemAndGivesUpOnlyTheRest() {
            GroupSpec group = group(
                    member("a", "t").withOwned(partitions("t", 0, 1, 2, 3, 4)),
                    member("b", "t").withOwned(partitions("t", 5)),
                    member("c", "t"));
            TopicMetadata topics = metadata(topic("t", 6));

            GroupAssignment result = uniform.assign(group, topics);

            assertCompleteAndExclusive(group, topics, result);
            assertEquals(List.of(2, 2, 2), counts(result, "a", "b", "c"));
            assertTrue(partitions("t", 0, 1, 2, 3, 4).containsAll(result.partitionsOf("a")), result::toString);
            assertTrue(result.partitionsOf("b").contains("t", 5), result::toString);
            assertEquals(3, moved(ownership(group), result).size(), "only a's three partitions over quota move");
        }

        @ParameterizedTest(name = "{0} members, {1} partitions")
        @CsvSource({"3, 10", "3, 7", "4, 6", "2, 9", "3, 12", "5, 3", "6, 100"})
        void aJoiningMemberTakesExactlyItsFairShareAndNothingElseMoves(int members, int partitionCount) {
            TopicMetadata topics = metadata(topic("t", partitionCount));
            GroupSpec stable = stableGroup(membersOf(members, "t"), topics);
            GroupSpec joined = plus(stable, member("new", "t"));

            GroupAssignment result = uniform.assign(joined, topics);

            assertCompleteAndExclusive(joined, topics, result);
            assertBalanced(result);
            assertEquals(partitionCount / (members + 1), result.partitionsOf("new").size());
            assertEquals(result.partitionsOf("new"), moved(ownership(stable), result),
                    "the partitions that moved are those the newcomer got");
        }

        @Test
        void aJoiningMemberFirstInTheGroupTakesExactlyItsFairShare() {
            TopicMetadata topics = metadata(topic("t1", 5), topic("t2", 6));
            GroupSpec stable = stableGroup(membersOf(3, "t1", "t2"), topics);
            List<MemberSpec> newcomerFirst = new ArrayList<>(stable.members());
            newcomerFirst.add(0, member("new", "t1", "t2"));
            GroupSpec joined = new GroupSpec(newcomerFirst);

            GroupAssignment result = uniform.assign(joined, topics);

            assertCompleteAndExclusive(joined, topics, result);
            assertBalanced(result);
            assertEquals(11 / 4, result.partitionsOf("new").size(), "floor(P / (n + 1))");
            assertEquals(result.partitionsOf("new"), moved(ownership(stable), result));
        }

        @ParameterizedTest(name = "{0} members, {1} partitions")
        @CsvSource({"4, 10", "3, 7", "4, 3", "5, 12", "2, 5", "6, 17"})
        void aLeavingMemberMovesExactlyItsOwnPartitions(int members, int partitionCount) {
            TopicMetadata topics = metadata(topic("t", partitionCount));
            GroupSpec stable = stableGroup(membersOf(members, "t"), topics);

            for (MemberSpec leaver : stable.members()) {
                GroupSpec left = without(stable, leaver.memberId());

                GroupAssignment result = uniform.assign(left, topics);

                assertCompleteAndExclusive(left, topics, result);
                assertBalanced(result);
                assertEquals(leaver.ownedPartitions(), moved(ownership(stable), result),
                        () -> leaver.memberId() + " left: only its partitions move");
            }
        }

        @Test
        void newPartitionsOfATopicAreSpreadWithoutMovingOwnedOnes() {
            GroupSpec stable = stableGroup(membersOf(3, "t"), metadata(topic("t", 6)));
            TopicMetadata grown = metadata(topic("t", 9));

            GroupAssignment result = uniform.assign(stable, grown);

            assertCompleteAndExclusive(stable, grown, result);
            assertEquals(Set.of(), moved(ownership(stable), result));
            assertEquals(List.of(3, 3, 3), counts(result, "m0", "m1", "m2"));
        }

        @Test
        void ownedPartitionsOfAnExistingTopicNobodySubscribesToAreReleased() {
            GroupSpec group = group(
                    member("a", "t1").withOwned(TopicPartitionSet.builder()
                            .add("t1", 0).add("old", 0).add("old", 1).build()),
                    member("b", "t1").withOwned(partitions("t1", 1)));
            TopicMetadata topics = metadata(topic("t1", 2), topic("old", 2));

            GroupAssignment result = uniform.assign(group, topics);

            assertEquals(expected().member("a", "t1", 0).member("b", "t1", 1).build(), result);
        }
    }

    @Nested
    class Heterogeneous {

        @Test
        void membersSharingATopicBalanceThroughIt() {
            GroupSpec group = group(member("x", "a"), member("y", "a", "b"), member("z", "b"));
            TopicMetadata topics = metadata(topic("a", 4), topic("b", 4));

            GroupAssignment result = uniform.assign(group, topics);

            assertCompleteAndExclusive(group, topics, result);
            assertNoImprovingMove(group, result);
            assertBalanced(result); // 3, 3, 2 in some order is reachable here
        }

        @Test
        void aMemberAloneOnATopicTakesAllOfItAndNothingOfTheSharedOneWhenThatIsBalanced() {
            // y must hold all of b; moving a-0 to y would leave x with nothing.
            GroupSpec group = group(member("x", "a"), member("y", "a", "b"));
            TopicMetadata topics = metadata(topic("a", 1), topic("b", 6));

            GroupAssignment result = uniform.assign(group, topics);

            assertEquals(expected().member("x", "a", 0).member("y", "b", 0, 1, 2, 3, 4, 5).build(), result);
        }

        @Test
        void balancedOwnershipIsKept() {
            GroupSpec group = group(
                    member("x", "a").withOwned(partitions("a", 0, 3, 1)),
                    member("y", "a", "b").withOwned(TopicPartitionSet.builder().add("a", 2).add("b", 3).build()),
                    member("z", "b").withOwned(partitions("b", 0, 1, 2)));

            GroupAssignment result = uniform.assign(group, metadata(topic("a", 4), topic("b", 4)));

            assertEquals(ownership(group), result);
        }

        @Test
        void anOwnerWithTooManyPartitionsGivesUpOnlyWhatBalanceNeeds() {
            GroupSpec group = group(
                    member("x", "a"),
                    member("y", "a", "b").withOwned(TopicPartitionSet.builder()
                            .add("a", 0).add("a", 1).add("a", 2).add("a", 3).add("b", 0).add("b", 1).build()),
                    member("z", "b"));
            TopicMetadata topics = metadata(topic("a", 4), topic("b", 4));

            GroupAssignment result = uniform.assign(group, topics);

            assertCompleteAndExclusive(group, topics, result);
            assertNoImprovingMove(group, result);
            assertEquals(6 - result.partitionsOf("y").size(), moved(ownership(group), result).size(),
                    "only y's surplus moves");
        }

        @Test
        void aMemberThatUnsubscribesFromATopicLosesItsPartitionsOfIt() {
            GroupSpec group = group(
                    member("a", "t2").withOwned(TopicPartitionSet.builder()
                            .add("t1", 0).add("t1", 1).add("t2", 0).build()),
                    member("b", "t1", "t2").withOwned(TopicPartitionSet.builder().add("t1", 2).add("t2", 1).build()),
                    member("c", "t1", "t2").withOwned(TopicPartitionSet.builder().add("t1", 3).add("t2", 2).build()));
            TopicMetadata topics = metadata(topic("t1", 4), topic("t2", 3));

            GroupAssignment result = uniform.assign(group, topics);

            assertCompleteAndExclusive(group, topics, result);
            assertNoImprovingMove(group, result);
            assertArrayEquals(new int[0], result.partitionsOf("a").partitions("t1"));
            assertTrue(result.partitionsOf("a").contains("t2", 0), result::toString);
            assertTrue(result.partitionsOf("b").contains("t1", 2), result::toString);
            assertTrue(result.partitionsOf("c").contains("t1", 3), result::toString);
        }

        @Test
        void ownedPartitionsOfATopicTheOwnerNoLongerSubscribesToGoToItsSubscribers() {
            GroupSpec group = group(
                    member("a", "t1").withOwned(TopicPartitionSet.builder()
                            .add("t1", 0).add("t2", 0).add("t2", 1).build()),
                    member("b", "t1").withOwned(partitions("t1", 1)),
                    member("c", "t2"));
            TopicMetadata topics = metadata(topic("t1", 2), topic("t2", 2));

            GroupAssignment result = uniform.assign(group, topics);

            assertEquals(expected().member("a", "t1", 0).member("b", "t1", 1).member("c", "t2", 0, 1).build(), result);
        }
    }

    @Nested
    class Racks {

        // 14 partitions: 8 with their replica in r1, 4 in r2, 2 in r3.
        private final TopicMetadata topics = metadata(topicWithRacks("t",
                "r1", "r2", "r1", "r3", "r1", "r2", "r1", "r1", "r2", "r1", "r3", "r1", "r2", "r1"));

        @Test
        void fromEmptyEveryPartitionThatCanBeRackMatchedWithinBalanceIs() {
            // Six members, two a rack: quotas 2 and two extras. At most 12 partitions can be
            // rack-matched: the four of r2, the two of r3, and six of r1 (the a-members take
            // the two extras); the two other r1 partitions fill the c-members' quotas.
            GroupSpec group = group(
                    member("a1", "t").withRack("r1"), member("b1", "t").withRack("r2"),
                    member("c1", "t").withRack("r3"), member("a2", "t").withRack("r1"),
                    member("b2", "t").withRack("r2"), member("c2", "t").withRack("r3"));
            TopicPartitionSet inR1 = partitions("t", 0, 2, 4, 6, 7, 9, 11, 13);
            TopicPartitionSet inR2 = partitions("t", 1, 5, 8, 12);
            TopicPartitionSet inR3 = partitions("t", 3, 10);

            GroupAssignment result = uniform.assign(group, topics);

            assertCompleteAndExclusive(group, topics, result);
            assertBalanced(result);
            assertEquals(List.of(3, 3, 2, 2, 2, 2), counts(result, "a1", "a2", "b1", "b2", "c1", "c2"));
            assertTrue(inR1.containsAll(result.partitionsOf("a1")), result::toString);
            assertTrue(inR1.containsAll(result.partitionsOf("a2")), result::toString);
            assertTrue(inR2.containsAll(result.partitionsOf("b1")), result::toString);
            assertTrue(inR2.containsAll(result.partitionsOf("b2")), result::toString);
            assertEquals(inR3, partitionsInBoth(inR3, result.partitionsOf("c1"), result.partitionsOf("c2")));
        }

        @Test
        void ownedPartitionsAreNotMovedOnlyToImproveLocality() {
            // Balanced, but every member owns partitions of another rack.
            GroupSpec group = group(
                    member("a", "t").withRack("r1").withOwned(partitions("t", 1, 5, 8, 12, 3)),
                    member("b", "t").withRack("r2").withOwned(partitions("t", 0, 2, 4, 6, 7)),
                    member("c", "t").withRack("r3").withOwned(partitions("t", 9, 10, 11, 13)));

            GroupAssignment result = uniform.assign(group, topics);

            assertEquals(ownership(group), result);
        }

        @Test
        void anOwnerOverItsQuotaKeepsThePartitionsOfItsRackAndGivesUpTheOthers() {
            TopicMetadata fourPartitions = metadata(topicWithRacks("t", "r2", "r1", "r1", "r2"));
            GroupSpec group = group(
                    member("a", "t").withRack("r1").withOwned(partitions("t", 0, 1, 2)),
                    member("b", "t").withRack("r1").withOwned(partitions("t", 3)),
                    member("c", "t").withRack("r2"));

            GroupAssignment result = uniform.assign(group, fourPartitions);

            // Quotas 2, 1, 1: a keeps t-1 and t-2 of its rack r1, not the lowest-numbered t-0,
            // which goes to c in r2.
            assertEquals(expected()
                    .member("a", "t", 1, 2)
                    .member("b", "t", 3)
                    .member("c", "t", 0)
                    .build(), result);
        }

        @Test
        void aPartitionGoesToTheMemberInItsRackAmongEquallyLoadedSubscribers() {
            GroupSpec group = group(member("x", "orders").withRack("r1"), member("y", "orders").withRack("r2"));

            GroupAssignment result = uniform.assign(group, metadata(topicWithRacks("orders", "r2")));

            assertEquals(expected().member("x").member("y", "orders", 0).build(), result);
        }

        @Test
        void partitionsWithReplicasInSeveralRacksLeaveRoomForThoseWithOneRack() {
            GroupSpec group = group(member("a", "t").withRack("r1"), member("b", "t").withRack("r2"));
            TopicMetadata topics = metadata(new TopicInfo("t", 2, List.of(Set.of("r1", "r2"), Set.of("r1"))));

            GroupAssignment result = uniform.assign(group, topics);

            assertEquals(expected().member("a", "t", 1).member("b", "t", 0).build(), result);
        }

        @Test
        void heterogeneousAPartitionGoesToTheMemberInItsRackAmongEquallyLoadedSubscribers() {
            // The same as above plus z on another topic, which makes the group heterogeneous.
            GroupSpec group = group(
                    member("x", "orders").withRack("r1"), member("y", "orders").withRack("r2"),
                    member("z", "payments").withRack("r1"));
            TopicMetadata topics = metadata(topicWithRacks("orders", "r2"), topicWithRacks("payments", "r1"));

            GroupAssignment result = uniform.assign(group, topics);

            assertEquals(expected().member("x").member("y", "orders", 0).member("z", "payments", 0).build(), result);
        }
    }

    private static List<Integer> counts(GroupAssignment assignment, String... memberIds) {
        List<Integer> counts = new ArrayList<>();
        for (String id : memberIds) {
            counts.add(assignment.partitionsOf(id).size());
        }
        return counts;
    }

    private static TopicPartitionSet partitionsInBoth(TopicPartitionSet wanted, TopicPartitionSet first,
                                                      TopicPartitionSet second) {
        TopicPartitionSet.Builder found = TopicPartitionSet.builder();
        for (TopicPartition tp : wanted) {
            if (first.contains(tp) || second.contains(tp)) {
                found.add(tp);
            }
        }
        return found.build();
    }
}
