package io.roster.offsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The writer of {@link DurabilityMode#ASYNC}: takes the records of applied changes from the partition
 * threads without waiting, and writes them to the log in batches from a thread of its own.
 *
 * <ul>
 *   <li>Per (group, topic, partition) only the newest record waits (the highest seq): a later change makes an
 *       earlier one that has not been written yet pointless. So what waits is bounded by the number of
 *       partitions this member's groups have, however long the log is away.</li>
 *   <li>A batch is written when {@code batchRecords} records wait, or {@code lingerMs} after the first of
 *       them, and the next one only once the log acknowledged it: the records of one key reach the log in
 *       seq order.</li>
 *   <li>A batch that fails goes back to wait, except records that a newer one of their key replaced
 *       meanwhile, and is tried again after a pause.</li>
 * </ul>
 */
final class AsyncLogWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncLogWriter.class);
    private static final long RETRY_MS = 500;

    private final DurableOffsetLog log;
    private final DurableOffsetsConfig config;
    private final Map<OffsetLogRecord.Key, OffsetLogRecord> waiting = new LinkedHashMap<>(); // guarded by this
    private int writing; // guarded by this
    private boolean closed; // guarded by this
    private final AtomicLong written = new AtomicLong();
    private final Thread thread;

    AsyncLogWriter(DurableOffsetLog log, DurableOffsetsConfig config) {
        this.log = log;
        this.config = config;
        this.thread = new Thread(this::run, "roster-offsets-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Called on partition threads: never waits for the log. */
    synchronized void enqueue(List<OffsetLogRecord> records) {
        if (closed) {
            throw new OffsetsUnavailableException("the durable offsets writer of this member is closed");
        }
        for (OffsetLogRecord record : records) {
            waiting.merge(record.key(), record, AsyncLogWriter::newer);
        }
        notifyAll();
    }

    /** Records not yet acknowledged by the log: waiting, and in the batch being written. */
    synchronized int pending() {
        return waiting.size() + writing;
    }

    long written() {
        return written.get();
    }

    /** Waits until every record given so far is written, at most {@code timeout}; tells whether they are. */
    synchronized boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        notifyAll();
        while (pending() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Writes what waits for at most {@code wait}, then stops; {@code Duration.ZERO} drops it, as a crash would. */
    void close(Duration wait) {
        try {
            if (!wait.isZero() && !flush(wait)) {
                LOG.warn("[offsets-writer] {} offset records not written to the durable log before close", pending());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        thread.interrupt();
    }

    @Override
    public void close() {
        close(Duration.ofMillis(config.timeoutMs()));
    }

    private static OffsetLogRecord newer(OffsetLogRecord a, OffsetLogRecord b) {
        return b.seq() >= a.seq() ? b : a;
    }

    private void run() {
        while (true) {
            List<OffsetLogRecord> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                return;
            }
            if (batch == null) {
                return;
            }
            boolean ok = false;
            try {
                log.append(batch).toCompletableFuture().get(config.timeoutMs(), TimeUnit.MILLISECONDS);
                written.addAndGet(batch.size());
                ok = true;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.warn("[offsets-writer] {} offset records not written to the durable log, retrying in {} ms: {}",
                        batch.size(), RETRY_MS, e.toString());
            } finally {
                requeueUnlessWritten(batch, ok);
            }
            if (!ok && !pause()) {
                return;
            }
        }
    }

    /** The next batch, once it is full or has lingered; {@code null} when closed. */
    private synchronized List<OffsetLogRecord> nextBatch() throws InterruptedException {
        while (waiting.isEmpty() && !closed) {
            wait();
        }
        if (closed) {
            return null;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.lingerMs());
        while (waiting.size() < config.batchRecords() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        List<OffsetLogRecord> batch = new ArrayList<>(Math.min(waiting.size(), config.batchRecords()));
        Iterator<OffsetLogRecord> records = waiting.values().iterator();
        while (records.hasNext() && batch.size() < config.batchRecords()) {
            batch.add(records.next());
            records.remove();
        }
        writing = batch.size();
        return batch;
    }

    private synchronized void requeueUnlessWritten(List<OffsetLogRecord> batch, boolean written) {
        if (!written) {
            // A record of the same key that came meanwhile is newer and replaces the failed one.
            for (OffsetLogRecord record : batch) {
                waiting.merge(record.key(), record, (queued, failed) -> newer(failed, queued));
            }
        }
        writing = 0;
        notifyAll();
    }

    private synchronized boolean pause() {
        try {
            if (!closed) {
                wait(RETRY_MS);
            }
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
