package io.roster.assignor;

import static io.roster.assignor.AssignmentChecks.assertNoImprovingMove;
import static io.roster.assignor.AssignmentChecks.assertValid;
import static io.roster.assignor.AssignmentChecks.kept;
import static io.roster.assignor.AssignmentChecks.moved;
import static io.roster.assignor.AssignmentChecks.spread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.assignor.RandomGroups.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The uniform assignor's balance, stickiness and movement guarantees, over random groups. */
class UniformAssignorProperties {

    private final UniformAssignor uniform = new UniformAssignor();

    @Property(tries = 1000)
    void equalSubscriptionsGiveCountsThatDifferByAtMostOne(@ForAll long seed,
                                                           @ForAll @IntRange(max = 200) int members,
                                                           @ForAll @IntRange(min = 1, max = 50) int topics,
                                                           @ForAll boolean racks,
                                                           @ForAll @IntRange(max = 100) int ownedPercent) {
        Scenario s = RandomGroups.scenario(seed, members, topics, true, ownedPercent, racks);
        GroupAssignment result = uniform.assign(s.group(), s.topics());
        assertValid(s.group(), s.topics(), result);
        assertTrue(spread(result) <= 1, () -> "spread " + spread(result));
    }

    @Property(tries = 1000)
    void noPartitionCanMoveToBringTwoCountsCloserByTwo(@ForAll long seed,
                                                       @ForAll @IntRange(max = 200) int members,
                                                       @ForAll @IntRange(min = 1, max = 50) int topics,
                                                       @ForAll boolean homogeneous, @ForAll boolean racks,
                                                       @ForAll @IntRange(max = 100) int ownedPercent) {
        Scenario s = RandomGroups.scenario(seed, members, topics, homogeneous, ownedPercent, racks);
        GroupAssignment result = uniform.assign(s.group(), s.topics());
        assertValid(s.group(), s.topics(), result);
        assertNoImprovingMove(s.group(), result);
    }

    /**
     * Equal subscriptions, any prior ownership: each member can keep at most its quota
     * (floor, or floor + 1 for as many members as there are extras), so at most
     * sum(min(owned, floor)) + min(extras, members owning more than floor) stay put. The
     * assignor keeps exactly that many: nothing moves that the quotas do not force out.
     */
    @Property(tries = 1000)
    void equalSubscriptionsKeepEveryOwnedPartitionTheQuotasAllow(@ForAll long seed,
                                                                 @ForAll @IntRange(min = 1, max = 200) int members,
                                                                 @ForAll @IntRange(min = 1, max = 50) int topics,
                                                                 @ForAll boolean racks,
                                                                 @ForAll @IntRange(max = 100) int ownedPercent) {
        Scenario s = RandomGroups.scenario(seed, members, topics, true, ownedPercent, racks);
        Set<String> subscribed = s.members().get(0).subscribedTopics();
        int partitions = 0;
        for (String topic : subscribed) {
            partitions += Math.max(0, s.topics().partitionCount(topic));
        }
        int floor = partitions / members;
        int extras = partitions % members;
        int bound = 0;
        int aboveFloor = 0;
        for (MemberSpec member : s.members()) {
            int owned = (int) member.ownedPartitions().stream().filter(tp -> subscribed.contains(tp.topic())).count();
            bound += Math.min(owned, floor);
            aboveFloor += owned > floor ? 1 : 0;
        }
        bound += Math.min(extras, aboveFloor);
        assertEquals(bound, kept(s.group(), uniform.assign(s.group(), s.topics())));
    }

    /** One member joins a stable group: exactly its fair share moves, all of it to the newcomer. */
    @Property(tries = 1000)
    void aJoinMovesExactlyTheNewcomersShare(@ForAll long seed,
                                            @ForAll @IntRange(min = 1, max = 200) int members,
                                            @ForAll @IntRange(min = 1, max = 50) int topics,
                                            @ForAll boolean racks) {
        Scenario s = RandomGroups.scenario(seed, members, topics, true, 0, racks);
        GroupAssignment stable = uniform.assign(s.group(), s.topics());
        List<MemberSpec> joined = new ArrayList<>(s.owning(stable).members());
        MemberSpec newcomer = MemberSpec.of("newcomer", s.members().get(0).subscribedTopics());
        joined.add(newcomer);
        GroupAssignment after = uniform.assign(new GroupSpec(joined), s.topics());

        int partitions = totalAssigned(stable);
        assertEquals(partitions / (members + 1), moved(stable, after), "partitions moved");
        assertEquals(partitions / (members + 1), after.partitionsOf("newcomer").size(), "newcomer's share");
        assertTrue(spread(after) <= 1);
    }

    /** One member leaves a stable group: its partitions move, nothing else does. */
    @Property(tries = 1000)
    void aLeaveMovesExactlyTheLeaversPartitions(@ForAll long seed,
                                                @ForAll @IntRange(min = 2, max = 200) int members,
                                                @ForAll @IntRange(min = 1, max = 50) int topics,
                                                @ForAll boolean racks,
                                                @ForAll @IntRange(max = 199) int leaverIndex) {
        Scenario s = RandomGroups.scenario(seed, members, topics, true, 0, racks);
        GroupAssignment stable = uniform.assign(s.group(), s.topics());
        List<MemberSpec> remaining = new ArrayList<>(s.owning(stable).members());
        MemberSpec leaver = remaining.remove(leaverIndex % members);
        GroupAssignment after = uniform.assign(new GroupSpec(remaining), s.topics());

        assertEquals(stable.partitionsOf(leaver.memberId()).size(), moved(stable, after), "partitions moved");
        assertTrue(spread(after) <= 1);
    }

    /** Feeding the assignor its own output changes nothing, with any subscriptions. */
    @Property(tries = 1000)
    void aStableAssignmentStaysAsItIs(@ForAll long seed,
                                      @ForAll @IntRange(max = 200) int members,
                                      @ForAll @IntRange(min = 1, max = 50) int topics,
                                      @ForAll boolean homogeneous, @ForAll boolean racks,
                                      @ForAll @IntRange(max = 100) int ownedPercent) {
        Scenario s = RandomGroups.scenario(seed, members, topics, homogeneous, ownedPercent, racks);
        GroupAssignment first = uniform.assign(s.group(), s.topics());
        Scenario stable = s.owning(first);
        assertEquals(first, uniform.assign(stable.group(), stable.topics()));
    }

    /**
     * Racks, equal subscriptions, from empty, one replica rack a partition: each rack's
     * members take the rack's partitions up to their floor quota before anything else, so
     * at least sum over racks of min(partitions in rack, members in rack x floor) partitions
     * land in their rack.
     */
    @Property(tries = 1000)
    void partitionsLandInTheirRackAsFarAsTheQuotasAllow(@ForAll long seed,
                                                        @ForAll @IntRange(min = 1, max = 200) int members,
                                                        @ForAll @IntRange(min = 1, max = 50) int topics) {
        Scenario s = singleReplicaRacks(RandomGroups.scenario(seed, members, topics, true, 0, true));
        GroupAssignment result = uniform.assign(s.group(), s.topics());
        assertValid(s.group(), s.topics(), result);

        Map<String, Integer> partitionsInRack = new HashMap<>();
        int partitions = 0;
        for (String topic : s.members().get(0).subscribedTopics()) {
            TopicInfo info = s.topics().topic(topic);
            for (int p = 0; info != null && p < info.partitionCount(); p++) {
                partitionsInRack.merge(info.racksOf(p).iterator().next(), 1, Integer::sum);
                partitions++;
            }
        }
        int floor = partitions / members;
        Map<String, Integer> membersInRack = new HashMap<>();
        Map<String, String> rackOf = new HashMap<>();
        for (MemberSpec member : s.members()) {
            if (member.rack() != null) {
                membersInRack.merge(member.rack(), 1, Integer::sum);
                rackOf.put(member.memberId(), member.rack());
            }
        }
        int expected = 0;
        for (Map.Entry<String, Integer> rack : partitionsInRack.entrySet()) {
            expected += Math.min(rack.getValue(), membersInRack.getOrDefault(rack.getKey(), 0) * floor);
        }
        int matched = 0;
        for (Map.Entry<String, TopicPartitionSet> entry : result.members().entrySet()) {
            for (TopicPartition tp : entry.getValue()) {
                String rack = rackOf.get(entry.getKey());
                matched += rack != null && s.topics().topic(tp.topic()).racksOf(tp.partition()).contains(rack) ? 1 : 0;
            }
        }
        assertTrue(matched >= expected, "rack-matched " + matched + ", at least " + expected + " possible");
    }

    private static Scenario singleReplicaRacks(Scenario s) {
        List<TopicInfo> topics = new ArrayList<>();
        for (TopicInfo topic : s.topics().topics()) {
            List<Set<String>> racks = new ArrayList<>();
            for (int p = 0; p < topic.partitionCount(); p++) {
                racks.add(Set.of(topic.racksOf(p).stream().sorted().findFirst().orElseThrow()));
            }
            topics.add(new TopicInfo(topic.name(), topic.partitionCount(), racks));
        }
        return new Scenario(s.group(), TopicMetadata.of(topics));
    }

    private static int totalAssigned(GroupAssignment assignment) {
        return assignment.members().values().stream().mapToInt(Set::size).sum();
    }
}
