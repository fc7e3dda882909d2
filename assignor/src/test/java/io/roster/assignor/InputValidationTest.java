package io.roster.assignor;

import static io.roster.assignor.AssignmentAssertions.assertCompleteAndExclusive;
import static io.roster.assignor.AssignorTestFixtures.expected;
import static io.roster.assignor.AssignorTestFixtures.group;
import static io.roster.assignor.AssignorTestFixtures.member;
import static io.roster.assignor.AssignorTestFixtures.metadata;
import static io.roster.assignor.AssignorTestFixtures.partitions;
import static io.roster.assignor.AssignorTestFixtures.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input is rejected with an {@link IllegalArgumentException} naming the offending
 * member or topic; subscriptions to topics the cluster does not have are ignored.
 */
class InputValidationTest {

    static Stream<Named<Assignor>> assignors() {
        return Stream.of(
                Named.of("range", new RangeAssignor()),
                Named.of("round-robin", new RoundRobinAssignor()),
                Named.of("uniform", new UniformAssignor()));
    }

    /** Asserts an IllegalArgumentException whose message contains every one of {@code named}. */
    private static void assertRejectedNaming(Executable input, String... named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, input);
        for (String name : named) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(name),
                    () -> "message should name " + name + ": " + e.getMessage());
        }
    }

    /** Rejected while the group or the metadata is built, before any assignor sees it. */
    @Nested
    class WhenBuilt {

        @Test
        void aNullMemberIdIsRejectedNamingTheInstanceAndSubscription() {
            assertRejectedNaming(() -> new MemberSpec(null, "instance-7", null, Set.of("orders"), null),
                    "member id", "instance-7", "orders");
        }

        @Test
        void anEmptyMemberIdIsRejectedNamingTheInstance() {
            assertRejectedNaming(() -> new MemberSpec("", "instance-7", null, Set.of("orders"), null),
                    "member id", "instance-7");
        }

        @Test
        void duplicateMemberIdsAreRejectedNamingTheId() {
            assertRejectedNaming(() -> group(member("a", "t"), member("twice", "t"), member("twice", "u")),
                    "'twice'", "positions 1 and 2");
        }

        @Test
        void aNullMemberIsRejectedNamingItsPosition() {
            List<MemberSpec> members = Arrays.asList(member("a", "t"), null);

            assertRejectedNaming(() -> new GroupSpec(members), "position 1");
        }

        @Test
        void aNullMemberListIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> new GroupSpec(null));
        }

        @Test
        void aNullTopicInASubscriptionIsRejectedNamingTheMember() {
            Set<String> withNull = new HashSet<>(Arrays.asList("orders", null));

            assertRejectedNaming(() -> MemberSpec.of("consumer-1", withNull), "'consumer-1'", "null topic");
        }

        @Test
        void aNullSubscriptionIsRejectedNamingTheMember() {
            assertRejectedNaming(() -> MemberSpec.of("consumer-1", null), "'consumer-1'");
        }

        @Test
        void aNegativePartitionCountIsRejectedNamingTheTopic() {
            assertRejectedNaming(() -> topic("orders", -1), "'orders'", "-1");
        }

        @Test
        void aMissingPartitionCountIsRejectedNamingTheTopic() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("payments", 3);
            counts.put("orders", null);

            assertRejectedNaming(() -> TopicMetadata.ofPartitionCounts(counts), "'orders'");
        }

        @Test
        void racksForTooFewOrTooManyPartitionsAreRejectedNamingTheTopic() {
            assertRejectedNaming(() -> new TopicInfo("orders", 3, List.of(Set.of("r1"), Set.of("r2"))),
                    "'orders'", "3 partitions", "racks for 2");
            assertRejectedNaming(() -> new TopicInfo("orders", 1, List.of(Set.of("r1"), Set.of("r2"))),
                    "'orders'", "1 partitions", "racks for 2");
        }

        @Test
        void aNullRackIsRejectedNamingTopicAndPartition() {
            Set<String> withNull = new HashSet<>(Arrays.asList("r1", null));

            assertRejectedNaming(() -> new TopicInfo("orders", 2, List.of(Set.of("r2"), withNull)),
                    "'orders'", "partition 1");
            assertRejectedNaming(() -> new TopicInfo("orders", 2, Arrays.asList(null, Set.of("r2"))),
                    "'orders'", "partition 0");
        }

        @Test
        void racksGivenAsImmutableSetsAreAccepted() {
            TopicInfo topic = new TopicInfo("orders", 2, List.of(Set.of("r1", "r2"), Set.of("r3")));

            assertEquals(Set.of("r1", "r2"), topic.racksOf(0));
            assertEquals(Set.of("r3"), topic.racksOf(1));
        }

        @Test
        void aTopicDescribedTwiceIsRejectedNamingIt() {
            assertRejectedNaming(() -> metadata(topic("orders", 3), topic("payments", 1), topic("orders", 4)),
                    "'orders'", "twice");
        }

        @Test
        void aNullTopicDescriptionIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> metadata(topic("orders", 3), null));
        }

        @Test
        void aNegativeOwnedPartitionIsRejectedNamingTheTopic() {
            assertRejectedNaming(() -> partitions("orders", 0, -2), "'orders'", "-2");
        }

        @Test
        void anUnknownAssignorNameIsRejectedNamingItAndTheKnownOnes() {
            AssignorRegistry registry = AssignorRegistry.withDefaults();

            assertRejectedNaming(() -> registry.get("sticky"), "'sticky'", "uniform", "range", "round-robin");
        }

        @Test
        void twoAssignorsWithOneNameAreRejectedNamingIt() {
            assertRejectedNaming(() -> AssignorRegistry.of(List.of(new RangeAssignor(), new RangeAssignor())),
                    "'range'");
        }

        @Test
        void theRegistryFindsEachDefaultAssignorByItsName() {
            AssignorRegistry registry = AssignorRegistry.withDefaults();

            assertEquals(Set.of("uniform", "range", "round-robin"), registry.names());
            for (String name : registry.names()) {
                assertEquals(name, registry.get(name).name());
            }
            assertTrue(registry.contains("range"));
            assertFalse(registry.contains("sticky"));
        }
    }

    /** Rejected by each assignor, which sees group and metadata together. */
    @Nested
    class WhenAssigned {

        @ParameterizedTest
        @MethodSource("io.roster.assignor.InputValidationTest#assignors")
        void anOwnedPartitionBeyondTheTopicsCountIsRejectedNamingMemberAndTopic(Assignor assignor) {
            GroupSpec group = group(
                    member("a", "orders").withOwned(partitions("orders", 0)),
                    member("b", "orders").withOwned(partitions("orders", 1, 3)));

            assertRejectedNaming(() -> assignor.assign(group, metadata(topic("orders", 3))),
                    "'b'", "'orders'", "orders-3");
        }

        @ParameterizedTest
        @MethodSource("io.roster.assignor.InputValidationTest#assignors")
        void anOwnedPartitionOfATopicWithNoPartitionsIsRejectedNamingMemberAndTopic(Assignor assignor) {
            GroupSpec group = group(member("a", "orders").withOwned(partitions("orders", 0)));

            assertRejectedNaming(() -> assignor.assign(group, metadata(topic("orders", 0))), "'a'", "'orders'");
        }

        @ParameterizedTest
        @MethodSource("io.roster.assignor.InputValidationTest#assignors")
        void anOwnedPartitionOfATopicAbsentFromTheMetadataIsRejectedNamingMemberAndTopic(Assignor assignor) {
            GroupSpec group = group(
                    member("a", "orders"),
                    member("b", "orders").withOwned(TopicPartitionSet.builder()
                            .add("orders", 0).add("deleted", 2).build()));

            assertRejectedNaming(() -> assignor.assign(group, metadata(topic("orders", 3))), "'b'", "'deleted'");
        }

        @ParameterizedTest
        @MethodSource("io.roster.assignor.InputValidationTest#assignors")
        void aPartitionOwnedByTwoMembersIsRejectedNamingBothAndThePartition(Assignor assignor) {
            GroupSpec group = group(
                    member("a", "orders").withOwned(partitions("orders", 0, 1)),
                    member("b", "orders").withOwned(partitions("orders", 2)),
                    member("c", "orders").withOwned(partitions("orders", 1)));

            assertRejectedNaming(() -> assignor.assign(group, metadata(topic("orders", 3))),
                    "orders-1", "'a'", "'c'");
        }

        @ParameterizedTest
        @MethodSource("io.roster.assignor.InputValidationTest#assignors")
        void aPartitionOfAnUnsubscribedTopicOwnedByTwoMembersIsRejectedNamingBoth(Assignor assignor) {
            // Nobody subscribes to "old" any more, but two members claiming one partition is
            // still inconsistent input.
            GroupSpec group = group(
                    member("a", "orders").withOwned(partitions("old", 0)),
                    member("b", "orders").withOwned(partitions("old", 0)));

            assertRejectedNaming(() -> assignor.assign(group, metadata(topic("orders", 2), topic("old", 1))),
                    "old-0", "'a'", "'b'");
        }

        @ParameterizedTest
        @MethodSource("io.roster.assignor.InputValidationTest#assignors")
        void aNullGroupOrNullMetadataIsRejected(Assignor assignor) {
            assertThrows(IllegalArgumentException.class, () -> assignor.assign(null, metadata(topic("t", 1))));
            assertThrows(IllegalArgumentException.class, () -> assignor.assign(group(member("a", "t")), null));
        }
    }

    /** Input that is unusual but valid. */
    @Nested
    class Accepted {

        @ParameterizedTest
        @MethodSource("io.roster.assignor.InputValidationTest#assignors")
        void subscriptionsToTopicsAbsentFromTheMetadataAreIgnored(Assignor assignor) {
            GroupSpec group = group(member("a", "orders", "not-yet-created"), member("b", "orders"));
            TopicMetadata topics = metadata(topic("orders", 4));

            GroupAssignment result = assignor.assign(group, topics);

            assertCompleteAndExclusive(group, topics, result);
            assertEquals(List.of(2, 2), List.of(result.partitionsOf("a").size(), result.partitionsOf("b").size()));
        }

        @ParameterizedTest
        @MethodSource("io.roster.assignor.InputValidationTest#assignors")
        void aMemberSubscribedOnlyToAbsentTopicsGetsAnEmptyEntry(Assignor assignor) {
            GroupSpec group = group(member("a", "not-yet-created"), member("b", "orders"));

            GroupAssignment result = assignor.assign(group, metadata(topic("orders", 2)));

            assertEquals(expected().member("a").member("b", "orders", 0, 1).build(), result);
        }

        @ParameterizedTest
        @MethodSource("io.roster.assignor.InputValidationTest#assignors")
        void subscriptionsToATopicWithoutPartitionsGiveNothing(Assignor assignor) {
            GroupSpec group = group(member("a", "empty"), member("b", "empty", "orders"));

            GroupAssignment result = assignor.assign(group, metadata(topic("empty", 0), topic("orders", 1)));

            assertEquals(expected().member("a").member("b", "orders", 0).build(), result);
        }

        @ParameterizedTest
        @MethodSource("io.roster.assignor.InputValidationTest#assignors")
        void anEmptyGroupGetsAnEmptyAssignment(Assignor assignor) {
            GroupAssignment result = assignor.assign(group(), metadata(topic("orders", 3)));

            assertEquals(Map.of(), result.members());
        }

        @ParameterizedTest
        @MethodSource("io.roster.assignor.InputValidationTest#assignors")
        void emptyMetadataGivesEveryMemberAnEmptyEntry(Assignor assignor) {
            GroupAssignment result = assignor.assign(group(member("a", "orders"), member("b")), TopicMetadata.empty());

            assertEquals(expected().member("a").member("b").build(), result);
        }

        @ParameterizedTest
        @MethodSource("io.roster.assignor.InputValidationTest#assignors")
        void membersSubscribedToNothingGetEmptyEntries(Assignor assignor) {
            GroupSpec group = group(member("idle-1"), member("busy", "orders"), member("idle-2"));

            GroupAssignment result = assignor.assign(group, metadata(topic("orders", 3)));

            assertEquals(expected().member("idle-1").member("busy", "orders", 0, 1, 2).member("idle-2").build(),
                    result);
        }

        @ParameterizedTest
        @MethodSource("io.roster.assignor.InputValidationTest#assignors")
        void owningAPartitionOfAnExistingTopicNobodySubscribesToIsAllowed(Assignor assignor) {
            GroupSpec group = group(
                    member("a", "orders").withOwned(TopicPartitionSet.builder().add("orders", 0).add("old", 1).build()),
                    member("b", "orders"));
            TopicMetadata topics = metadata(topic("orders", 2), topic("old", 2));

            GroupAssignment result = assignor.assign(group, topics);

            assertCompleteAndExclusive(group, topics, result);
        }

        @ParameterizedTest
        @MethodSource("io.roster.assignor.InputValidationTest#assignors")
        void theInputIsNotChangedAndTheResultCannotBeChanged(Assignor assignor) {
            List<MemberSpec> members = new ArrayList<>(List.of(
                    member("b", "orders").withOwned(partitions("orders", 0)), member("a", "orders")));
            GroupSpec group = new GroupSpec(members);
            members.clear();
            TopicMetadata topics = metadata(topic("orders", 2));

            GroupAssignment result = assignor.assign(group, topics);

            assertEquals(2, group.members().size(), "the spec copied its members");
            assertEquals(partitions("orders", 0), group.members().get(0).ownedPartitions());
            assertThrows(UnsupportedOperationException.class, () -> result.members().remove("a"));
            assertEquals(result, assignor.assign(group, topics), "same input, same output");
        }
    }
}
