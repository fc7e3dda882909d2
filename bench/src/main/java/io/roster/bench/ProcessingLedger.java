package io.roster.bench;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Every record the measured consumers processed: its partition, the consumer and the
 * {@link System#nanoTime()} at which the consumer's handler saw it. Each consumer writes
 * through a {@link Recorder} of its own, from its one processing thread; the harness reads a
 * {@link Timeline} of it after each event, and the last record of each partition while it
 * waits for a group to settle.
 */
final class ProcessingLedger {

    private static final int INITIAL_CAPACITY = 4096;
    private static final int CONSUMER_BITS = 16;
    private static final long CONSUMER_MASK = (1L << CONSUMER_BITS) - 1;
    /** Consumer ids must fit beside the time in one long. */
    static final int MAX_CONSUMERS = 1 << CONSUMER_BITS;

    private final int partitions;
    private final long origin = System.nanoTime();
    private final AtomicLongArray lastNanos;
    private final AtomicIntegerArray lastConsumer;
    private final List<Recorder> recorders = new CopyOnWriteArrayList<>();

    ProcessingLedger(int partitions) {
        this.partitions = partitions;
        this.lastNanos = new AtomicLongArray(partitions);
        this.lastConsumer = new AtomicIntegerArray(partitions);
        for (int p = 0; p < partitions; p++) {
            lastConsumer.set(p, -1);
        }
    }

    /** The recorder of consumer {@code consumer}; one per consumer. */
    Recorder recorder(int consumer) {
        if (consumer < 0 || consumer >= MAX_CONSUMERS) {
            throw new IllegalArgumentException("consumer ids run from 0 to " + (MAX_CONSUMERS - 1) + ": " + consumer);
        }
        Recorder recorder = new Recorder(consumer);
        recorders.add(recorder);
        return recorder;
    }

    /** The consumer that processed the partition's last record (-1: none yet). */
    int lastConsumer(int partition) {
        return lastConsumer.get(partition);
    }

    /** When the partition's last record was processed. */
    long lastNanos(int partition) {
        return lastNanos.get(partition);
    }

    /** Every record processed at or after {@code fromNanos}, per partition in time order. */
    Timeline since(long fromNanos) {
        int[] counts = new int[partitions];
        for (Recorder recorder : recorders) {
            recorder.count(counts, fromNanos);
        }
        // Time since the ledger began (47 bits last 39 hours) and consumer (16 bits) in one long:
        // a primitive sort orders each partition's records without boxing them.
        long[][] keys = new long[partitions][];
        for (int p = 0; p < partitions; p++) {
            keys[p] = new long[counts[p]];
        }
        int[] filled = new int[partitions];
        for (Recorder recorder : recorders) {
            recorder.copyInto(keys, filled, fromNanos);
        }
        long[][] nanos = new long[partitions][];
        int[][] consumers = new int[partitions][];
        for (int p = 0; p < partitions; p++) {
            long[] sorted = Arrays.copyOf(keys[p], filled[p]);
            Arrays.sort(sorted);
            nanos[p] = new long[sorted.length];
            consumers[p] = new int[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                nanos[p][i] = origin + (sorted[i] >>> CONSUMER_BITS);
                consumers[p][i] = (int) (sorted[i] & CONSUMER_MASK);
            }
        }
        return new Timeline(nanos, consumers);
    }

    /** Forgets records processed before {@code nanos}, and the recorders of stopped consumers that hold none. */
    void discardBefore(long nanos) {
        for (Recorder recorder : recorders) {
            if (recorder.discardBefore(nanos) == 0 && recorder.closed) {
                recorders.remove(recorder);
            }
        }
    }

    /** One consumer's records; written from its processing thread only. */
    final class Recorder {

        private final int consumer;
        private long[] nanos = new long[INITIAL_CAPACITY];
        private int[] partitionOf = new int[INITIAL_CAPACITY];
        private int size;
        private volatile boolean closed;

        private Recorder(int consumer) {
            this.consumer = consumer;
        }

        /** The consumer's handler has just processed a record of {@code partition}. */
        synchronized void processed(int partition) {
            long now = System.nanoTime();
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
                partitionOf = Arrays.copyOf(partitionOf, size * 2);
            }
            nanos[size] = now;
            partitionOf[size] = partition;
            size++;
            lastNanos.set(partition, now);
            lastConsumer.set(partition, consumer);
        }

        /** The consumer has stopped: its recorder may go once its records are discarded. */
        void close() {
            closed = true;
        }

        private synchronized void count(int[] counts, long fromNanos) {
            for (int i = 0; i < size; i++) {
                if (nanos[i] >= fromNanos) {
                    counts[partitionOf[i]]++;
                }
            }
        }

        /** Copies what is there; records added since {@link #count} was called are left for the next timeline. */
        private synchronized void copyInto(long[][] keys, int[] filled, long fromNanos) {
            for (int i = 0; i < size; i++) {
                int partition = partitionOf[i];
                if (nanos[i] >= fromNanos && filled[partition] < keys[partition].length) {
                    keys[partition][filled[partition]++] = ((nanos[i] - origin) << CONSUMER_BITS) | consumer;
                }
            }
        }

        /** Drops records before {@code before}; returns how many are left. */
        private synchronized int discardBefore(long before) {
            int first = 0;
            while (first < size && nanos[first] < before) {
                first++;
            }
            System.arraycopy(nanos, first, nanos, 0, size - first);
            System.arraycopy(partitionOf, first, partitionOf, 0, size - first);
            size -= first;
            return size;
        }
    }

    /** The records of a window, per partition in time order: when, and by which consumer. */
    record Timeline(long[][] nanos, int[][] consumers) {

        int partitions() {
            return nanos.length;
        }

        /** The index of the first record of {@code partition} at or after {@code at}; the count when there is none. */
        int firstAtOrAfter(int partition, long at) {
            long[] times = nanos[partition];
            int low = 0;
            int high = times.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (times[mid] < at) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }
}
