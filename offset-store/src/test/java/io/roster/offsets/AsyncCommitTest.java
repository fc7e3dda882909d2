package io.roster.offsets;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.roster.offsets.TestMembers.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Asynchronous durable offsets on a member: commits are acknowledged without waiting for the log, and reach it after. */
class AsyncCommitTest {

    private static final PartitionId P0 = new PartitionId("orders", 0);
    private static final RecordingLog log = new RecordingLog();
    private static DurableOffsets durable;
    private static HazelcastInstance member;
    private static OffsetStore store;
    private static OffsetLogLoader loader;

    @BeforeAll
    static void start() {
        durable = new DurableOffsets(log, DurableOffsetsConfig.of(DurabilityMode.ASYNC).withLingerMs(1));
        member = Hazelcast.newHazelcastInstance(durable.install(
                TestMembers.config(TestMembers.clusterName(AsyncCommitTest.class), OffsetStoreConfig.defaults())));
        store = new OffsetStore(member, OffsetStoreConfig.defaults(), new TestClock(1_700_000_000_000L));
        loader = OffsetLogLoader.start(member, store);
        await().atMost(Duration.ofSeconds(30)).until(store::loaded);
    }

    @AfterAll
    static void stop() {
        loader.close();
        member.getLifecycleService().terminate();
        durable.close(Duration.ZERO);
    }

    @Test
    void aCommitIsAcknowledgedBeforeTheLogHasItAndReachesItAfter() throws Exception {
        await(store.publishOwnership("g", 1, Map.of("m1", new MemberOwnership(1, Set.of(P0)))));
        log.hold(group -> true);
        try {
            for (long offset = 1; offset <= 20; offset++) {
                assertEquals(Map.of(P0, CommitResult.OK), await(store.commit("g", "m1", 1, Map.of(P0, OffsetCommit.of(offset)))));
            }
            assertEquals(20, await(store.fetch("g")).get(P0).offset());
            assertTrue(durable.pendingRecords() >= 1, "waiting for the log");
        } finally {
            log.release();
        }
        assertTrue(durable.flush(Duration.ofSeconds(10)));
        List<OffsetLogRecord> records = log.records("g");
        assertEquals(20, records.get(records.size() - 1).committed().offset(), records.toString());
        assertTrue(records.size() <= 3, "changes that waited together were written as one: " + records);
    }
}
