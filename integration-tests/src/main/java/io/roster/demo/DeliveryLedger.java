package io.roster.demo;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which records of the demo topic Kafka acknowledged and how often each was processed, by (partition, offset).
 * The producer's ack callbacks and every consumer's handler write here from their own threads;
 * a record may be processed before its ack arrives.
 */
final class DeliveryLedger {

    private final Map<Long, Integer> deliveries = new HashMap<>();
    private final Set<Long> awaiting = new HashSet<>();
    private long produced;
    private long sendFailures;
    private long processed;
    private long duplicateRecords;
    private long redeliveries;

    /** Kafka acknowledged the record at {@code offset} of {@code partition}. */
    synchronized void produced(int partition, long offset) {
        produced++;
        long id = id(partition, offset);
        if (!deliveries.containsKey(id)) {
            awaiting.add(id);
        }
    }

    synchronized void sendFailed() {
        sendFailures++;
    }

    /** A handler finished the record at {@code offset} of {@code partition}. */
    synchronized void processed(int partition, long offset) {
        processed++;
        long id = id(partition, offset);
        int times = deliveries.merge(id, 1, Integer::sum);
        if (times == 1) {
            awaiting.remove(id);
        } else {
            redeliveries++;
            if (times == 2) {
                duplicateRecords++;
            }
        }
    }

    synchronized Counts counts() {
        return new Counts(produced, sendFailures, processed, deliveries.size(), duplicateRecords, redeliveries,
                awaiting.size());
    }

    /**
     * @param produced         records Kafka acknowledged
     * @param sendFailures     records Kafka did not take (not counted as produced)
     * @param processed        handler calls that succeeded, redeliveries included
     * @param distinct         different records processed
     * @param duplicateRecords records processed more than once
     * @param redeliveries     processings beyond the first of a record
     * @param unprocessed      acknowledged records not processed (yet): lost if still there at the end
     */
    record Counts(long produced, long sendFailures, long processed, long distinct, long duplicateRecords,
                  long redeliveries, long unprocessed) {
    }

    // Offsets of a partition stay far below 2^40 in a demo; 2^23 partitions are plenty.
    private static long id(int partition, long offset) {
        return ((long) partition << 40) | offset;
    }
}
