package io.roster.offsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The asynchronous writer against an in-memory log: batching, only the newest record per key, order, retries. */
class AsyncLogWriterTest {

    private static final PartitionId P0 = new PartitionId("orders", 0);
    private static final PartitionId P1 = new PartitionId("orders", 1);

    private final RecordingLog log = new RecordingLog();
    private AsyncLogWriter writer;

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close(Duration.ZERO);
        }
    }

    private AsyncLogWriter writer(long lingerMs, int batchRecords) {
        writer = new AsyncLogWriter(log, new DurableOffsetsConfig(DurabilityMode.ASYNC, 30_000, lingerMs, batchRecords));
        return writer;
    }

    private static OffsetLogRecord record(String group, PartitionId partition, long seq) {
        return OffsetLogRecord.offset(group, partition, seq, new CommittedOffset(seq * 10, null, seq));
    }

    @Test
    void whileTheLogIsAwayOnlyTheNewestRecordOfEachPartitionWaits() throws Exception {
        AsyncLogWriter writer = writer(0, 100);
        log.hold(group -> true);
        writer.enqueue(List.of(record("g", P0, 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.pending() == 1);
        for (long seq = 2; seq <= 50; seq++) {
            writer.enqueue(List.of(record("g", P0, seq), record("g", P1, seq)));
        }
        assertEquals(3, writer.pending(), "one in the batch being written, then one per partition");
        log.release();
        assertTrue(writer.flush(Duration.ofSeconds(10)));
        assertEquals(List.of(record("g", P0, 1), record("g", P0, 50), record("g", P1, 50)), log.records());
        assertEquals(3, writer.written());
    }

    @Test
    void batchesHoldAtMostBatchRecordsAndEachKeysRecordsArriveInSeqOrder() throws Exception {
        AsyncLogWriter writer = writer(1, 7);
        List<OffsetLogRecord> given = new ArrayList<>();
        for (long seq = 1; seq <= 300; seq++) {
            OffsetLogRecord record = record("group-" + seq % 13, seq % 2 == 0 ? P0 : P1, seq);
            given.add(record);
            writer.enqueue(List.of(record));
        }
        assertTrue(writer.flush(Duration.ofSeconds(30)));
        Map<OffsetLogRecord.Key, Long> last = new TreeMap<>(java.util.Comparator.comparing(OffsetLogRecord.Key::toString));
        for (OffsetLogRecord record : log.records()) {
            Long before = last.put(record.key(), record.seq());
            assertTrue(before == null || before < record.seq(), "out of order: " + record + " after seq " + before);
        }
        Map<OffsetLogRecord.Key, Long> newest = new TreeMap<>(java.util.Comparator.comparing(OffsetLogRecord.Key::toString));
        given.forEach(record -> newest.put(record.key(), record.seq()));
        assertEquals(newest, last, "the newest record of every key is written");
        assertTrue(log.appends().stream().allMatch(size -> size <= 7), log.appends().toString());
    }

    @Test
    void aFailedBatchIsRetriedUnlessANewerRecordReplacedIt() throws Exception {
        AsyncLogWriter writer = writer(0, 100);
        log.failing(true);
        writer.enqueue(List.of(record("g", P0, 1), record("g", P1, 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> log.failedAppends() >= 1);
        writer.enqueue(List.of(record("g", P0, 2)));
        assertFalse(writer.flush(Duration.ofMillis(200)), "nothing is written while the log fails");
        log.failing(false);
        assertTrue(writer.flush(Duration.ofSeconds(10)));
        assertEquals(Map.of(P0, 2L, P1, 1L), Map.of(P0, seqOf(P0), P1, seqOf(P1)));
        assertTrue(log.records().stream().noneMatch(r -> r.partition().equals(P0) && r.seq() == 1),
                "the failed record of P0 was replaced by the newer one: " + log.records());
    }

    @Test
    void aClosedWriterRefusesRecords() {
        AsyncLogWriter writer = writer(0, 10);
        writer.close(Duration.ofSeconds(1));
        assertThrows(OffsetsUnavailableException.class, () -> writer.enqueue(List.of(record("g", P0, 1))));
    }

    private long seqOf(PartitionId partition) {
        return log.records().stream().filter(r -> r.partition().equals(partition)).mapToLong(OffsetLogRecord::seq).max().orElse(-1);
    }
}
