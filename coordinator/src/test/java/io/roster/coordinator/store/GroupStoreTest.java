package io.roster.coordinator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.roster.coordinator.testing.TestHazelcast;
import io.roster.assignor.TopicInfo;
import io.roster.assignor.TopicMetadata;
import io.roster.coordinator.group.ConsumerGroup;
import io.roster.coordinator.group.GroupError;
import io.roster.coordinator.group.GroupProtocolException;
import io.roster.coordinator.group.Heartbeat;
import io.roster.coordinator.group.MemberView;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The group store on two real Hazelcast members. */
class GroupStoreTest {

    private static final TopicMetadata TOPICS = TopicMetadata.of(List.of(
            new TopicInfo("orders", 6), new TopicInfo("payments", 2, List.of(Set.of("r1"), Set.of("r2")))));
    private static final long NOW = 1_000_000;

    private static HazelcastInstance first;
    private static HazelcastInstance second;

    @BeforeAll
    static void cluster() {
        TestHazelcast hazelcast = new TestHazelcast();
        first = hazelcast.member();
        second = hazelcast.member();
    }

    @AfterAll
    static void shutdown() {
        for (HazelcastInstance member : List.of(first, second)) {
            if (member.getLifecycleService().isRunning()) {
                member.shutdown();
            }
        }
    }

    private static GroupEvent join(String memberId, String... topics) {
        return new GroupEvent(GroupEvent.Kind.HEARTBEAT, new Heartbeat("", 0, null, "r1", Set.of(topics), null),
                null, false, memberId, NOW, TOPICS, "uniform", 10_000, 30_000);
    }

    private static GroupEvent heartbeat(MemberView view, long now) {
        return new GroupEvent(GroupEvent.Kind.HEARTBEAT,
                new Heartbeat(view.memberId(), view.memberEpoch(), null, null, null, view.assigned()),
                null, false, null, now, TOPICS, "uniform", 10_000, 30_000);
    }

    private static GroupEventResult apply(HazelcastInstance via, String group, GroupEvent event) {
        return new GroupStore(via).apply(group, event).toCompletableFuture().join();
    }

    @Test
    void eventsThroughEitherMemberChangeOneGroup() {
        GroupEventResult a = apply(first, "g-either", join("a", "orders", "payments"));
        GroupEventResult b = apply(second, "g-either", join("b", "orders", "payments"));

        assertEquals(8, a.response().assigned().size());
        assertEquals(2, b.groupEpoch());
        assertEquals(Set.of("a"), b.membersToNotify(), "the owner must release");
        assertEquals(2, b.ownership().size());

        // The owner learns what to release, releases it, and the newcomer is told.
        MemberView told = apply(second, "g-either", heartbeat(a.response(), NOW + 1)).response();
        assertEquals(4, told.pendingRevocation().size());
        GroupEventResult released = apply(first, "g-either", heartbeat(told, NOW + 2));
        assertEquals(Set.of("b"), released.membersToNotify());
        MemberView newcomer = apply(second, "g-either", heartbeat(b.response(), NOW + 3)).response();
        assertEquals(4, newcomer.assigned().size());
        ConsumerGroup group = new GroupStore(first).get("g-either").toCompletableFuture().join();
        assertEquals(4, group.member("a").assigned().size());
        assertEquals(4, group.member("b").assigned().size());
    }

    @Test
    void aRejectedEventFailsWithItsErrorAndCreatesNothing() {
        CompletionException failure = assertThrows(CompletionException.class,
                () -> apply(first, "g-ghost", heartbeat(new MemberView("ghost", 3, null,
                        io.roster.assignor.TopicPartitionSet.empty(), null, null), NOW)));

        GroupProtocolException cause = assertInstanceOf(GroupProtocolException.class, failure.getCause());
        assertEquals(GroupError.UNKNOWN_MEMBER, cause.error());
        assertNull(new GroupStore(second).get("g-ghost").toCompletableFuture().join());
    }

    @Test
    void expiryIsJudgedByTheGroupsOwnerOnly() {
        apply(first, "g-expiry", join("a", "orders"));
        long later = NOW + 10_000;

        Set<String> dueOnFirst = new GroupStore(first).localGroupsDueForExpiry(later);
        Set<String> dueOnSecond = new GroupStore(second).localGroupsDueForExpiry(later);

        assertTrue(dueOnFirst.contains("g-expiry") ^ dueOnSecond.contains("g-expiry"), "exactly one node");
        assertTrue(new GroupStore(first).localGroupsDueForExpiry(later - 1).stream().noneMatch("g-expiry"::equals));
        GroupEventResult expired = apply(second, "g-expiry", new GroupEvent(GroupEvent.Kind.EXPIRE, null, null,
                false, null, later, TOPICS, "uniform", 10_000, 30_000));
        assertEquals(List.of("a"), expired.removed());
    }

    /** On a cluster of its own: it kills a member. */
    @Test
    void aGroupSurvivesTheAbruptDeathOfTheMemberThatOwnsIt() {
        TestHazelcast hazelcast = new TestHazelcast();
        HazelcastInstance one = hazelcast.member();
        HazelcastInstance two = hazelcast.member();
        try {
            apply(one, "g-survive", join("a", "orders", "payments"));
            apply(two, "g-survive", join("b", "orders"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> one.getPartitionService().isClusterSafe());
            HazelcastInstance owner = one.getPartitionService().getPartition("g-survive").getOwner().localMember()
                    ? one : two;
            HazelcastInstance survivor = owner == one ? two : one;
            ConsumerGroup before = new GroupStore(survivor).get("g-survive").toCompletableFuture().join();

            owner.getLifecycleService().terminate();

            ConsumerGroup after = new GroupStore(survivor).get("g-survive").toCompletableFuture().join();
            assertNotNull(after);
            assertEquals(before, after);
            assertEquals(2, after.members().size());
        } finally {
            one.getLifecycleService().terminate();
            two.getLifecycleService().terminate();
        }
    }
}
