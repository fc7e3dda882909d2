package io.roster.coordinator.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random histories of a group: members join (some static), heartbeat promptly or slowly
 * (a slow member keeps partitions it was told to release), leave, leave temporarily and
 * come back, go silent and expire, while topics appear and grow. After every event no
 * partition has two owners and no member but the sender has a new epoch; once members
 * behave, the group converges to its target.
 */
class GroupProtocolProperties {

    private static final List<String> TOPICS = List.of("orders", "payments", "audit");

    @Property(tries = 300)
    void ownershipIsNeverSharedAndTheGroupConverges(@ForAll long seed,
                                                    @ForAll @IntRange(min = 1, max = 300) int events) {
        Random random = new Random(seed);
        GroupTestContext ctx = new GroupTestContext().topic("orders", 1 + random.nextInt(16));
        int instance = 0;
        for (int i = 0; i < events; i++) {
            ConsumerGroup before = ctx.group;
            List<String> ids = new ArrayList<>(ctx.group.members().keySet());
            String someone = ids.isEmpty() ? null : ids.get(random.nextInt(ids.size()));
            int event = random.nextInt(100);
            if (event < 15 || someone == null) {
                if (random.nextBoolean()) {
                    ctx.joinStatic("instance-" + (instance++ % 6), subscription(random));
                } else {
                    ctx.join(subscription(random));
                }
            } else if (event < 55) {
                ctx.heartbeat(someone);
            } else if (event < 70) {
                GroupMember slow = ctx.group.member(someone);
                ctx.heartbeat(someone, slow.memberEpoch(), slow.owned());
            } else if (event < 77) {
                ctx.leave(someone, false);
            } else if (event < 82) {
                if (ctx.group.member(someone).isStatic()) {
                    ctx.leave(someone, true);
                }
            } else if (event < 92) {
                ctx.sleep(random.nextInt((int) GroupTestContext.SESSION_MS));
            } else {
                String topic = TOPICS.get(random.nextInt(TOPICS.size()));
                int current = Math.max(0, ctx.metadata.partitionCount(topic));
                ctx.topic(topic, current + 1 + random.nextInt(4));
                ctx.refreshMetadata();
            }
            assertOnlyTheSenderMoved(before, ctx.group, ctx.last.response() == null ? null
                    : ctx.last.response().memberId());
        }
        ctx.converge();
        ctx.assertStable();
        assertEverySubscribedPartitionIsOwned(ctx);
    }

    private static String[] subscription(Random random) {
        List<String> topics = new ArrayList<>();
        for (String topic : TOPICS) {
            if (random.nextInt(3) > 0) {
                topics.add(topic);
            }
        }
        if (topics.isEmpty()) {
            topics.add("orders");
        }
        return topics.toArray(String[]::new);
    }

    /**
     * Only the member an event comes from is reconciled: no other member's epoch moves, so
     * a member is never more than the one epoch behind that a lost answer can cost.
     */
    private static void assertOnlyTheSenderMoved(ConsumerGroup before, ConsumerGroup after, String sender) {
        for (GroupMember member : after.members().values()) {
            GroupMember earlier = before.member(member.memberId());
            if (earlier != null && !member.memberId().equals(sender)) {
                assertEquals(earlier.memberEpoch(), member.memberEpoch(), member.memberId() + "'s epoch moved");
            }
            assertTrue(member.memberEpoch() <= after.groupEpoch());
        }
    }

    private static void assertEverySubscribedPartitionIsOwned(GroupTestContext ctx) {
        int expected = 0;
        for (String topic : TargetAssignmentBuilder.subscribedPartitionCounts(ctx.group.members().values(),
                ctx.metadata).keySet()) {
            expected += ctx.metadata.partitionCount(topic);
        }
        assertEquals(expected, ctx.group.owners().size());
    }
}
