package io.roster.coordinator.group;

import static io.roster.coordinator.group.GroupTestContext.REBALANCE_MS;
import static io.roster.coordinator.group.GroupTestContext.SESSION_MS;
import static io.roster.coordinator.group.GroupTestContext.partitions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.assignor.TopicPartitionSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsumerGroupStateMachineTest {

    private final GroupTestContext ctx = new GroupTestContext().topic("orders", 6);

    @Test
    void theFirstMemberGetsEveryPartitionAtOnce() {
        MemberView view = ctx.join("orders");

        assertEquals("member-1", view.memberId());
        assertEquals(1, view.memberEpoch());
        assertEquals(MemberState.STABLE, view.state());
        assertEquals(partitions("orders", 0, 1, 2, 3, 4, 5), view.assigned());
        assertEquals(1, ctx.group.groupEpoch());
    }

    @Test
    void aMovingPartitionIsGivenOnlyAfterItsOwnerReleasedIt() {
        ctx.join("orders");
        MemberView second = ctx.join("orders");

        // The newcomer moves to epoch 2 but waits; the owner is told to heartbeat at once.
        assertEquals(2, second.memberEpoch());
        assertEquals(MemberState.UNRELEASED_PARTITIONS, second.state());
        assertTrue(second.assigned().isEmpty());
        assertEquals(3, second.awaiting().size());
        assertEquals(Set.of("member-1"), ctx.last.membersToNotify(), "the owner is told at once");
        assertEquals(1, ctx.group.member("member-1").memberEpoch(), "only its own heartbeat moves it");

        // Its heartbeat tells it what to release; it keeps epoch 1 until it has.
        MemberView told = ctx.heartbeat("member-1", 1, partitions("orders", 0, 1, 2, 3, 4, 5));
        assertEquals(MemberState.UNREVOKED_PARTITIONS, told.state());
        assertEquals(1, told.memberEpoch());
        assertEquals(second.awaiting(), told.pendingRevocation());
        GroupMember owner = ctx.group.member("member-1");

        // Partitions that stay with the owner are never revoked.
        assertEquals(3, owner.assigned().size());
        assertTrue(owner.assigned().intersection(owner.pendingRevocation()).isEmpty());

        MemberView released = ctx.heartbeat("member-1", 1, owner.assigned());
        assertEquals(2, released.memberEpoch());
        assertEquals(MemberState.STABLE, released.state());
        assertEquals(Set.of("member-2"), ctx.last.membersToNotify(), "the waiting member is told at once");
        assertEquals(second.awaiting(), ctx.heartbeat("member-2").assigned());
        ctx.assertStable();
    }

    @Test
    void aMemberThatStillOwnsRevokedPartitionsKeepsThem() {
        ctx.join("orders");
        ctx.join("orders");
        TopicPartitionSet everything = partitions("orders", 0, 1, 2, 3, 4, 5);

        MemberView stillRevoking = ctx.heartbeat("member-1", 1, everything);

        assertEquals(MemberState.UNREVOKED_PARTITIONS, stillRevoking.state());
        assertEquals(3, stillRevoking.pendingRevocation().size());
        assertTrue(ctx.assigned("member-2").isEmpty());
    }

    @Test
    void aLeaversPartitionsGoToTheOthersAtTheirNextHeartbeat() {
        ctx.join("orders");
        ctx.join("orders");
        ctx.converge();
        TopicPartitionSet leaversPartitions = ctx.assigned("member-2");

        GroupUpdate update = ctx.leave("member-2", false);

        assertEquals(List.of("member-2"), update.removed());
        assertTrue(update.ownershipChanged());
        assertEquals(Set.of("member-1"), update.membersToNotify(), "told to heartbeat at once");
        assertTrue(ctx.heartbeat("member-1").assigned().containsAll(leaversPartitions));
        ctx.assertStable();
    }

    @Test
    void aSilentMemberExpiresAfterTheSessionTimeoutAndNotBefore() {
        ctx.join("orders");
        ctx.join("orders");
        ctx.converge();

        ctx.heartbeat("member-1");
        ctx.sleep(SESSION_MS - 1);
        ctx.heartbeat("member-1");
        assertTrue(ctx.group.members().containsKey("member-2"), "not before the timeout");

        GroupUpdate expired = ctx.sleep(1);

        assertEquals(List.of("member-2"), expired.removed());
        assertEquals(Set.of("member-1"), expired.membersToNotify());
        assertEquals(6, ctx.heartbeat("member-1").assigned().size());
        assertSame(ctx.group, ctx.sleep(1).group(), "expired once: nothing more to do");
    }

    @Test
    void aMemberThatNeverReleasesIsRemovedAfterTheRebalanceTimeout() {
        ctx.join("orders");
        ctx.join("orders");
        for (long waited = 0; waited < REBALANCE_MS; waited += SESSION_MS / 2) {
            ctx.heartbeat("member-1", 1, partitions("orders", 0, 1, 2, 3, 4, 5));
            ctx.heartbeat("member-2");
            ctx.sleep(SESSION_MS / 2);
        }

        assertNull(ctx.group.member("member-1"));
        assertEquals(6, ctx.heartbeat("member-2").assigned().size());
    }

    @Test
    void aStaticMemberBackWithinItsSessionGetsItsPartitionsWithoutARebalance() {
        ctx.joinStatic("app-1", "orders");
        ctx.joinStatic("app-2", "orders");
        ctx.converge();
        TopicPartitionSet before = ctx.assigned("member-1");
        int groupEpoch = ctx.group.groupEpoch();

        ctx.leave("member-1", true);
        assertEquals(before, ctx.assigned("member-1"), "kept while it is away");
        ctx.sleep(SESSION_MS / 2);
        MemberView back = ctx.joinStatic("app-1", "orders");

        assertEquals("member-3", back.memberId());
        assertEquals(before, back.assigned());
        assertEquals(groupEpoch, ctx.group.groupEpoch(), "no rebalance");
        assertEquals(Set.of(), ctx.last.membersToNotify(), "the other member is not disturbed");
        assertNull(ctx.group.member("member-1"), "the old id is fenced");
    }

    @Test
    void aStaticMemberThatStaysAwayExpiresLikeAnyOther() {
        ctx.joinStatic("app-1", "orders");
        ctx.joinStatic("app-2", "orders");
        ctx.converge();
        ctx.leave("member-1", true);
        ctx.sleep(SESSION_MS / 2);
        ctx.heartbeat("member-2");

        ctx.sleep(SESSION_MS / 2);

        assertEquals(List.of("member-1"), ctx.last.removed());
        assertEquals(6, ctx.heartbeat("member-2").assigned().size());
    }

    @Test
    void aSubscriptionChangeRebalances() {
        ctx.topic("payments", 2);
        ctx.join("orders");
        ctx.join("orders");
        ctx.converge();
        int epoch = ctx.group.groupEpoch();

        GroupMember member = ctx.group.member("member-2");
        ctx.apply(new Heartbeat("member-2", member.memberEpoch(), null, null, Set.of("orders", "payments"),
                member.assigned()));
        ctx.converge();

        assertEquals(epoch + 1, ctx.group.groupEpoch());
        assertEquals(partitions("payments", 0, 1),
                TopicPartitionSet.copyOf(ctx.assigned("member-2").stream().filter(tp -> tp.topic().equals("payments")).toList()));
        ctx.assertStable();
    }

    @Test
    void partitionsAddedToATopicAreAssigned() {
        ctx.join("orders");
        ctx.join("orders");
        ctx.converge();

        ctx.topic("orders", 8);
        GroupUpdate update = ctx.refreshMetadata();
        ctx.converge();

        assertFalse(update.ownershipChanged(), "the target changed; owners change when they heartbeat");
        assertEquals(Set.of("member-1", "member-2"), update.membersToNotify());
        assertEquals(8, ctx.assigned("member-1").size() + ctx.assigned("member-2").size());
        ctx.assertStable();
        assertSame(ctx.group, ctx.refreshMetadata().group(), "unchanged metadata changes nothing");
    }

    @Test
    void aTopicThatAppearsLaterIsPickedUp() {
        MemberView view = ctx.join("orders", "invoices");
        assertEquals(6, view.assigned().size());

        ctx.topic("invoices", 3);
        ctx.refreshMetadata();

        assertEquals(Set.of("member-1"), ctx.last.membersToNotify());
        assertEquals(9, ctx.heartbeat("member-1").assigned().size());
    }

    @Test
    void aStaleEpochIsFencedAndChangesNothing() {
        ctx.join("orders");
        ctx.join("orders");
        ctx.converge();
        ConsumerGroup before = ctx.group;

        GroupProtocolException e = assertThrows(GroupProtocolException.class,
                () -> ctx.heartbeat("member-1", 7, ctx.assigned("member-1")));

        assertEquals(GroupError.FENCED_MEMBER_EPOCH, e.error());
        assertTrue(e.getMessage().contains("member-1"), e.getMessage());
        assertSame(before, ctx.group);
    }

    @Test
    void thePreviousEpochIsAcceptedWhenTheResponseWasLost() {
        ctx.join("orders");
        ctx.join("orders");
        ctx.heartbeat("member-1"); // releases, moves to epoch 2; pretend the response was lost

        MemberView view = ctx.heartbeat("member-1", 1, ctx.assigned("member-1"));

        assertEquals(2, view.memberEpoch());
    }

    @Test
    void anUnknownMemberIsRejected() {
        GroupProtocolException e = assertThrows(GroupProtocolException.class,
                () -> ctx.heartbeat("ghost", 1, TopicPartitionSet.empty()));
        assertEquals(GroupError.UNKNOWN_MEMBER, e.error());
        assertThrows(GroupProtocolException.class, () -> ctx.leave("ghost", false));
    }

    @Test
    void malformedJoinsAreRejected() {
        assertEquals(GroupError.INVALID_REQUEST, assertThrows(GroupProtocolException.class,
                () -> ctx.machine.heartbeat(ctx.group, new Heartbeat("", 3, null, null, Set.of("orders"), null),
                        ctx.metadata, ctx.now, "m")).error());
        assertEquals(GroupError.INVALID_REQUEST, assertThrows(GroupProtocolException.class,
                () -> ctx.machine.heartbeat(ctx.group, new Heartbeat("", 0, null, null, null, null),
                        ctx.metadata, ctx.now, "m")).error());
        ctx.join("orders");
        assertEquals(GroupError.INVALID_REQUEST, assertThrows(GroupProtocolException.class,
                () -> ctx.leave("member-1", true)).error(), "a dynamic member cannot leave temporarily");
    }

    @Test
    void scalingOneToFourToTwoNeverDoubleOwnsAndConverges() {
        ctx.topic("orders", 12);
        ctx.join("orders");
        for (int i = 0; i < 3; i++) {
            ctx.join("orders");
        }
        ctx.converge();
        ctx.assertStable();
        assertEquals(List.of(3, 3, 3, 3), ctx.group.members().values().stream().map(m -> m.assigned().size()).toList());

        ctx.leave("member-1", false);
        ctx.leave("member-3", false);
        ctx.converge();
        ctx.assertStable();
        assertEquals(List.of(6, 6), ctx.group.members().values().stream().map(m -> m.assigned().size()).toList());
    }
}
