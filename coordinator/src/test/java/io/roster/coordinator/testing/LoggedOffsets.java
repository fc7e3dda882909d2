package io.roster.coordinator.testing;

import io.roster.coordinator.offsetlog.KafkaOffsetLog;
import io.roster.coordinator.offsetlog.KafkaOffsetLogConfig;
import io.roster.offsets.OffsetLogRecord;
import io.roster.offsets.PartitionId;
import java.util.Map;
import java.util.TreeMap;

/** Reads an offsets topic back as a test sees it. */
public final class LoggedOffsets {

    private LoggedOffsets() {
    }

    /**
     * What a cold start would reload for {@code group}, the tombstones aside: per partition the offset of the
     * record with the highest seq (ties: the later).
     */
    public static Map<PartitionId, Long> reloadable(KafkaOffsetLogConfig config, String group) throws InterruptedException {
        Map<PartitionId, OffsetLogRecord> latest = new TreeMap<>();
        try (KafkaOffsetLog log = new KafkaOffsetLog(config.withTimeoutMs(10_000))) {
            log.replay(record -> {
                if (record.group().equals(group)) {
                    latest.merge(record.partition(), record, (a, b) -> b.seq() >= a.seq() ? b : a);
                }
            });
        }
        Map<PartitionId, Long> offsets = new TreeMap<>();
        latest.forEach((partition, record) -> offsets.put(partition, record.committed().offset()));
        return offsets;
    }
}
