package io.roster.offsets;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.roster.offsets.impl.CommitOutcome;
import io.roster.offsets.impl.GroupOffsets;
import io.roster.offsets.impl.LoggedStep;
import io.roster.offsets.impl.OffsetCommitProcessor;
import io.roster.offsets.impl.PendingChangeProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.roster.offsets.TestMembers.await;
import static io.roster.offsets.TestMembers.failureOf;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A synchronous change waits in its group's entry until the member that made it confirms it; a member that
 * dies in between leaves it there. It holds the group's other changes up (they are retried, and fail with
 * {@link OffsetsUnavailableException} after the log's timeout; a publish waits three timeouts) until its
 * deadline, twice the log's timeout; then the group's next change drops it, and a late confirmation of it
 * changes nothing.
 */
class PendingChangeTest {

    private static final PartitionId P0 = new PartitionId("orders", 0);
    private static final long TIMEOUT_MS = 1000;

    private static final RecordingLog log = new RecordingLog();
    private static HazelcastInstance member;
    private static OffsetStore store;
    private static IMap<String, GroupOffsets> map;
    private static OffsetLogLoader loader;

    @BeforeAll
    static void start() {
        DurableOffsetsConfig sync = DurableOffsetsConfig.of(DurabilityMode.SYNC).withTimeoutMs(TIMEOUT_MS);
        member = Hazelcast.newHazelcastInstance(new DurableOffsets(log, sync).install(TestMembers.config(
                TestMembers.clusterName(PendingChangeTest.class), OffsetStoreConfig.defaults())));
        store = new OffsetStore(member, OffsetStoreConfig.defaults());
        map = store.map();
        loader = OffsetLogLoader.start(member, store);
        await().atMost(Duration.ofSeconds(30)).until(store::loaded);
    }

    @AfterAll
    static void stop() {
        loader.close();
        member.getLifecycleService().terminate();
    }

    /** A commit made as a member that dies before it appends: left pending in the group's entry. */
    private static LoggedStep abandonedCommit(String group, long offset) {
        var processor = new OffsetCommitProcessor("m1", 1, Map.of(P0, OffsetCommit.of(offset)), 100,
                System.currentTimeMillis(), true);
        CommitOutcome outcome = await(map.submitToKey(group, processor));
        assertEquals(LoggedStep.Kind.PENDING, outcome.step().kind());
        return outcome.step();
    }

    @Test
    void anAbandonedChangeHoldsTheGroupUpUntilItsDeadlineAndIsThenDropped() {
        String group = "group-" + UUID.randomUUID();
        await(store.publishOwnership(group, 1, Map.of("m1", new MemberOwnership(1, Set.of(P0)))));
        await(store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(3))));
        long started = System.nanoTime();
        LoggedStep abandoned = abandonedCommit(group, 5);
        CompletableFuture<Boolean> publish = store.publishOwnership(group, 2,
                Map.of("m1", new MemberOwnership(1, Set.of(P0)))).toCompletableFuture();

        assertEquals(3, await(store.fetch(group)).get(P0).offset(), "a pending change is not stored");
        Throwable busy = failureOf(store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(6))));
        assertInstanceOf(OffsetsUnavailableException.class, busy);
        assertTrue(busy.getMessage().contains("has waited for the durable offset log"), busy.getMessage());
        assertTrue(System.nanoTime() - started < Duration.ofMillis(2 * TIMEOUT_MS).toNanos(),
                "the commit gave up while the abandoned change was still live");

        // Past its deadline, the group's next change drops it.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            try {
                return await(store.commit(group, "m1", 1, Map.of(P0, OffsetCommit.of(7)))).get(P0) == CommitResult.OK;
            } catch (AssertionError stillBusy) {
                return false;
            }
        });
        assertFalse(await(map.submitToKey(group, PendingChangeProcessor.confirm(abandoned.token()))),
                "a confirmation after the change was dropped matches nothing");
        assertEquals(7, await(store.fetch(group)).get(P0).offset());
        assertTrue(await(publish), "a publish outwaits an abandoned change: commits are fenced by what it publishes");
        assertTrue(log.records(group).stream().noneMatch(r -> r.committed().offset() == 5),
                "the abandoned change was never appended");
    }

    @Test
    void aPublishWaitsForThePendingChangeAndGoesOnOnceItIsConfirmed() {
        String group = "group-" + UUID.randomUUID();
        await(store.publishOwnership(group, 1, Map.of("m1", new MemberOwnership(1, Set.of(P0)))));
        LoggedStep pending = abandonedCommit(group, 9);
        CompletableFuture<Boolean> publish = store.publishOwnership(group, 2, Map.of()).toCompletableFuture();
        await().during(Duration.ofMillis(150)).atMost(Duration.ofSeconds(2)).until(() -> !publish.isDone());

        assertTrue(await(map.submitToKey(group, PendingChangeProcessor.confirm(pending.token()))));
        assertTrue(await(publish));
        assertEquals(9, await(store.fetch(group)).get(P0).offset(), "the confirmed commit is stored");
        assertEquals(Optional.of(2L), await(store.ownership(group)).map(GroupOwnership::version));
    }
}
