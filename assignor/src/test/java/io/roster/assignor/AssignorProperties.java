package io.roster.assignor;

import static io.roster.assignor.AssignmentChecks.assertValid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.assignor.RandomGroups.Scenario;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** What every assignor guarantees, over random groups. */
class AssignorProperties {

    @Provide
    Arbitrary<Assignor> assignors() {
        return Arbitraries.of(new UniformAssignor(), new RangeAssignor(), new RoundRobinAssignor());
    }

    @Property(tries = 1000)
    void everyPartitionGoesOnceToASubscriber(@ForAll("assignors") Assignor assignor, @ForAll long seed,
                                             @ForAll @IntRange(max = 200) int members,
                                             @ForAll @IntRange(min = 1, max = 50) int topics,
                                             @ForAll boolean homogeneous, @ForAll boolean racks,
                                             @ForAll @IntRange(max = 100) int ownedPercent) {
        Scenario s = RandomGroups.scenario(seed, members, topics, homogeneous, ownedPercent, racks);
        assertValid(s.group(), s.topics(), assignor.assign(s.group(), s.topics()));
    }

    @Property(tries = 1000)
    void sameInputGivesTheSameOutput(@ForAll("assignors") Assignor assignor, @ForAll long seed,
                                     @ForAll @IntRange(max = 200) int members,
                                     @ForAll @IntRange(min = 1, max = 50) int topics,
                                     @ForAll boolean homogeneous, @ForAll boolean racks,
                                     @ForAll @IntRange(max = 100) int ownedPercent) {
        Scenario first = RandomGroups.scenario(seed, members, topics, homogeneous, ownedPercent, racks);
        Scenario again = RandomGroups.scenario(seed, members, topics, homogeneous, ownedPercent, racks);
        GroupAssignment result = assignor.assign(first.group(), first.topics());
        assertEquals(result, assignor.assign(again.group(), again.topics()), "equal input, fresh objects");
        assertEquals(result, assignor.assign(first.group(), first.topics()), "the same objects again");
    }

    /** Range and round-robin sort members by id: the input order does not matter. */
    @Property(tries = 1000)
    void rangeAndRoundRobinIgnoreTheInputOrder(@ForAll boolean range, @ForAll long seed,
                                               @ForAll @IntRange(max = 200) int members,
                                               @ForAll @IntRange(min = 1, max = 50) int topics,
                                               @ForAll boolean homogeneous, @ForAll boolean racks) {
        Assignor assignor = range ? new RangeAssignor() : new RoundRobinAssignor();
        Scenario s = RandomGroups.scenario(seed, members, topics, homogeneous, 0, racks);
        List<MemberSpec> shuffled = new ArrayList<>(s.members());
        Collections.shuffle(shuffled, new Random(seed));
        assertEquals(assignor.assign(s.group(), s.topics()), assignor.assign(new GroupSpec(shuffled), s.topics()));
    }

    /**
     * Range: for each topic, each subscriber gets floor or ceil of partitions / subscribers;
     * without racks, as contiguous ranges in member id order.
     */
    @Property(tries = 1000)
    void rangeGivesEachSubscriberItsShareOfEachTopic(@ForAll long seed,
                                                     @ForAll @IntRange(min = 1, max = 200) int members,
                                                     @ForAll @IntRange(min = 1, max = 50) int topics,
                                                     @ForAll boolean homogeneous, @ForAll boolean racks) {
        Scenario s = RandomGroups.scenario(seed, members, topics, homogeneous, 0, racks);
        GroupAssignment result = new RangeAssignor().assign(s.group(), s.topics());
        for (String topic : AssignmentChecks.subscribedTopics(s.group())) {
            int partitions = s.topics().partitionCount(topic);
            if (partitions <= 0) {
                continue;
            }
            List<String> subscribers = s.members().stream()
                    .filter(m -> m.subscribedTopics().contains(topic)).map(MemberSpec::memberId).sorted().toList();
            int next = 0;
            for (int i = 0; i < subscribers.size(); i++) {
                int[] got = result.partitionsOf(subscribers.get(i)).partitions(topic);
                int share = partitions / subscribers.size() + (i < partitions % subscribers.size() ? 1 : 0);
                assertEquals(share, got.length, subscribers.get(i) + "'s share of " + topic);
                if (!racks) {
                    for (int p : got) {
                        assertEquals(next++, p, "contiguous range of " + topic);
                    }
                }
            }
        }
    }

    @Property(tries = 1000)
    void roundRobinWithEqualSubscriptionsDiffersByAtMostOne(@ForAll long seed,
                                                            @ForAll @IntRange(max = 200) int members,
                                                            @ForAll @IntRange(min = 1, max = 50) int topics) {
        Scenario s = RandomGroups.scenario(seed, members, topics, true, 0, false);
        assertTrue(AssignmentChecks.spread(new RoundRobinAssignor().assign(s.group(), s.topics())) <= 1);
    }
}
