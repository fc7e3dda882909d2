package io.roster.offsets;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.roster.offsets.TestMembers.await;
import static io.roster.offsets.TestMembers.failureOf;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cold starts against an in-memory log holding what a previous cluster wrote: one member loads while the
 * others wait, nobody serves offsets before, and a load whose member dies is taken over.
 */
class OffsetLogLoaderTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final PartitionId P0 = new PartitionId("orders", 0);
    private static final PartitionId P1 = new PartitionId("orders", 1);
    private static final DurableOffsetsConfig SYNC = DurableOffsetsConfig.of(DurabilityMode.SYNC).withTimeoutMs(30_000);

    private final RecordingLog log = new RecordingLog();
    private final String cluster = TestMembers.clusterName(OffsetLogLoaderTest.class);
    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<OffsetLogLoader> loaders = new ArrayList<>();
    private final TestClock clock = new TestClock(T0);

    @AfterEach
    void stop() {
        loaders.forEach(OffsetLogLoader::close);
        members.forEach(member -> member.getLifecycleService().terminate());
    }

    private HazelcastInstance member() {
        String[] others = members.stream()
                .map(m -> "127.0.0.1:" + m.getCluster().getLocalMember().getAddress().getPort()).toArray(String[]::new);
        Config config = new DurableOffsets(log, SYNC).install(TestMembers.config(cluster, OffsetStoreConfig.defaults(), others));
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        members.add(member);
        return member;
    }

    private OffsetStore storeWithLoader(HazelcastInstance member) {
        OffsetStore store = new OffsetStore(member, OffsetStoreConfig.defaults(), clock);
        loaders.add(OffsetLogLoader.start(member, store));
        return store;
    }

    private void previousClusterWrote() {
        log.preload(List.of(
                OffsetLogRecord.offset("orders-app", P0, 10, new CommittedOffset(100, "m", 1)),
                OffsetLogRecord.offset("orders-app", P1, 10, new CommittedOffset(200, null, 1)),
                OffsetLogRecord.offset("orders-app", P0, 12, new CommittedOffset(150, null, 2)),
                OffsetLogRecord.offset("billing", P0, 3, new CommittedOffset(7, null, 3)),
                OffsetLogRecord.tombstone("billing", P0, 4),
                OffsetLogRecord.offset("audit", P1, 5, new CommittedOffset(9, null, 4))));
    }

    @Test
    void oneMemberLoadsWhileNoneServesOffsetsThenAllDo() {
        previousClusterWrote();
        log.holdReplays();
        HazelcastInstance first = member();
        OffsetStore firstStore = storeWithLoader(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> log.replays() == 1);
        HazelcastInstance second = member();
        OffsetStore secondStore = storeWithLoader(second);

        for (OffsetStore store : List.of(firstStore, secondStore)) {
            assertInstanceOf(OffsetsLoadingException.class, failureOf(store.fetch("orders-app")));
            assertInstanceOf(OffsetsLoadingException.class,
                    failureOf(store.commit("orders-app", "m1", 1, Map.of(P0, OffsetCommit.of(1)))));
            assertInstanceOf(OffsetsLoadingException.class, failureOf(store.reset("audit", Map.of(P1, 0L))));
            assertInstanceOf(OffsetsLoadingException.class, failureOf(store.delete("audit")));
        }
        // Heartbeats go on: a member joins while the offsets are loading.
        assertTrue(await(secondStore.publishOwnership("orders-app", 1, Map.of("m1", new MemberOwnership(1, Set.of(P0, P1))))));

        log.releaseReplays();
        await().atMost(Duration.ofSeconds(30)).until(() -> firstStore.loaded() && secondStore.loaded());
        assertEquals(1, log.replays(), "one member loaded for the cluster");
        assertEquals(Map.of(P0, new CommittedOffset(150, null, 2), P1, new CommittedOffset(200, null, 1)),
                await(secondStore.fetch("orders-app")));
        assertEquals(Map.of(), await(firstStore.fetch("billing")), "deleted before the restart: stays deleted");
        assertEquals(Map.of(P1, new CommittedOffset(9, null, 4)), await(firstStore.fetch("audit")));
        // The member that joined during the load commits on top of what was reloaded.
        assertEquals(Map.of(P0, CommitResult.OK), await(firstStore.commit("orders-app", "m1", 1, Map.of(P0, OffsetCommit.of(151)))));
        assertEquals(151, await(secondStore.fetch("orders-app")).get(P0).offset());

        // A member joining a loaded cluster serves at once, without loading again.
        OffsetStore thirdStore = storeWithLoader(member());
        await().atMost(Duration.ofSeconds(30)).until(thirdStore::loaded);
        assertEquals(1, log.replays());
    }

    @Test
    void aLoadWhoseMemberDiesIsTakenOver() {
        previousClusterWrote();
        log.holdReplays();
        HazelcastInstance first = member();
        storeWithLoader(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> log.replays() == 1);
        HazelcastInstance second = member();
        OffsetStore secondStore = storeWithLoader(second);

        first.getLifecycleService().terminate();
        log.releaseReplays();
        await().atMost(Duration.ofSeconds(60)).until(secondStore::loaded);
        assertEquals(2, log.replays(), "the second member loaded again");
        assertEquals(150, await(secondStore.fetch("orders-app")).get(P0).offset());
    }
}
