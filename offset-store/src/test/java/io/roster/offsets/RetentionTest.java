package io.roster.offsets;

import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.roster.offsets.TestMembers.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retention of groups without members, with a clock the tests move. */
class RetentionTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long RETENTION_MS = 60_000;
    private static final OffsetStoreConfig CONFIG = OffsetStoreConfig.defaults().withRetentionMs(RETENTION_MS);
    private static final PartitionId P0 = new PartitionId("orders", 0);

    private static HazelcastInstance member;

    private TestClock clock;
    private OffsetStore store;

    @BeforeAll
    static void startMember() {
        member = TestMembers.start(RetentionTest.class, CONFIG);
    }

    @AfterAll
    static void stopMember() {
        if (member != null) {
            member.shutdown();
        }
    }

    @BeforeEach
    void newStore() {
        clock = new TestClock(T0);
        store = new OffsetStore(member, CONFIG, clock);
    }

    /** Each test counts expiries of its own groups only. */
    @AfterEach
    void clearMap() {
        member.getMap(CONFIG.mapName()).clear();
    }

    private static Map<String, MemberOwnership> owns(String memberId, int epoch) {
        return Map.of(memberId, new MemberOwnership(epoch, Set.of(P0)));
    }

    /** A group with a committed offset whose members all left at the clock's current time. */
    private String groupEmptiedNow() {
        String group = "group-" + UUID.randomUUID();
        await(store.publishOwnership(group, 1, owns("m1", 1)));
        assertEquals(CommitResult.OK, await(store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(10)))).get(P0));
        await(store.publishOwnership(group, 2, Map.of()));
        return group;
    }

    private boolean exists(String group) {
        return await(store.ownership(group)).isPresent();
    }

    @Test
    void anEmptyGroupIsKeptUntilTheRetentionHasPassedAndRemovedThen() {
        String group = groupEmptiedNow();

        clock.advance(RETENTION_MS - 1);
        assertEquals(0, await(store.expireEmptyGroups()));
        assertEquals(10, await(store.fetch(group)).get(P0).offset());

        clock.advance(1);
        assertEquals(1, await(store.expireEmptyGroups()));
        assertEquals(Map.of(), await(store.fetch(group)));
        assertEquals(Optional.empty(), await(store.ownership(group)));
    }

    @Test
    void aGroupWithMembersIsNeverExpired() {
        String group = "group-" + UUID.randomUUID();
        await(store.publishOwnership(group, 1, owns("m1", 1)));

        clock.advance(10 * RETENTION_MS);

        assertEquals(0, await(store.expireEmptyGroups()));
        assertTrue(exists(group));
    }

    @Test
    void aGroupThatRegainsMembersIsNotExpiredAndItsClockRestartsWhenItEmptiesAgain() {
        String group = groupEmptiedNow();
        clock.advance(RETENTION_MS / 2);
        await(store.publishOwnership(group, 3, owns("m2", 1)));

        clock.advance(RETENTION_MS);
        assertEquals(0, await(store.expireEmptyGroups()));
        assertTrue(exists(group));

        await(store.publishOwnership(group, 4, Map.of()));
        clock.advance(RETENTION_MS - 1);
        assertEquals(0, await(store.expireEmptyGroups()));
        clock.advance(1);
        assertEquals(1, await(store.expireEmptyGroups()));
        assertFalse(exists(group));
    }

    @Test
    void onlyGroupsEmptyForTheWholeRetentionAreRemoved() {
        String old = groupEmptiedNow();
        clock.advance(RETENTION_MS / 2);
        String recent = groupEmptiedNow();
        String live = "group-" + UUID.randomUUID();
        await(store.publishOwnership(live, 1, owns("m1", 1)));

        clock.advance(RETENTION_MS / 2);

        assertEquals(1, await(store.expireEmptyGroups()));
        assertFalse(exists(old));
        assertTrue(exists(recent));
        assertTrue(exists(live));
    }

    @Test
    void aResetRestartsTheRetentionOfAnEmptyGroup() {
        String group = groupEmptiedNow();
        clock.advance(RETENTION_MS - 10);
        await(store.reset(group, Map.of(P0, 0L)));

        clock.advance(RETENTION_MS - 1);
        assertEquals(0, await(store.expireEmptyGroups()));
        clock.advance(1);
        assertEquals(1, await(store.expireEmptyGroups()));
    }

    @Test
    void theRetentionTaskExpiresGroupsPeriodicallyAndOutlivesAFailedRun() {
        String group = groupEmptiedNow();
        clock.advance(RETENTION_MS);
        clock.failNextReads(1); // the first run fails before it sends anything

        try (RetentionTask task = RetentionTask.start(store, Duration.ofMillis(20))) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> task.completedRuns() >= 2 && !exists(group));
        }
    }
}
