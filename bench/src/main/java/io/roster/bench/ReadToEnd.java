package io.roster.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a consumer's record handler does in {@link SdkOverheadBench}, the same on both sides: count the
 * record, and notice when the last record of the last partition was handled. Only the first and the last
 * record read the clock. {@link #record} and {@link #fail} run on the consumer's context; the main thread
 * calls {@link #start()} and then {@link #await}.
 */
final class ReadToEnd {

    /** Nanoseconds from {@link #start()}; {@code handled} counts every call of {@link #record}, duplicates too. */
    record Timing(long firstRecordNanos, long lastRecordNanos, long handled) {
    }

    private final long[] ends;
    private final long expected;
    private final CompletableFuture<Timing> finished = new CompletableFuture<>();
    private volatile long startedAt;
    private long firstAt;
    private long handled;
    private int partitionsDone;

    /** {@code ends}: per partition, the offset after its last record. */
    ReadToEnd(long[] ends) {
        this.ends = ends.clone();
        long sum = 0;
        for (long end : ends) {
            sum += end;
        }
        this.expected = sum;
    }

    /** The clock starts: call it just before the consumer is told to start. */
    long start() {
        startedAt = System.nanoTime();
        return startedAt;
    }

    void record(int partition, long offset) {
        if (handled++ == 0) {
            firstAt = System.nanoTime();
        }
        if (offset + 1 == ends[partition] && ++partitionsDone == ends.length) {
            finished.complete(new Timing(firstAt - startedAt, System.nanoTime() - startedAt, handled));
        }
    }

    /** The consumer stopped or failed: the run cannot finish. */
    void fail(Throwable cause) {
        finished.completeExceptionally(cause);
    }

    /** Waits until every partition's last record was handled; checks that each record was handled once. */
    Timing await(Duration timeout, String what) {
        Timing timing;
        try {
            timing = finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new BenchmarkFailure(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new BenchmarkFailure(what + ": not every record was handled within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure(what + ": interrupted", e);
        }
        if (timing.handled() != expected) {
            throw new BenchmarkFailure(what + " handled " + timing.handled() + " records to reach the end of every"
                    + " partition, not " + expected + ": records were skipped or handled twice");
        }
        return timing;
    }
}
