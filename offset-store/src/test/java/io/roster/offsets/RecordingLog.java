package io.roster.offsets;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A durable offset log in memory for the tests: keeps what was appended, in order; can refuse every append,
 * or hold the appends of some groups until {@link #release()}.
 */
final class RecordingLog implements DurableOffsetLog {

    private final List<OffsetLogRecord> stored = new ArrayList<>();
    private final List<Integer> appends = new ArrayList<>();
    private final AtomicInteger failedAppends = new AtomicInteger();
    private volatile boolean failing;
    private volatile Predicate<OffsetLogRecord> held = record -> false;
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile CompletableFuture<Void> gate = new CompletableFuture<>();
    private volatile CompletableFuture<Void> replayGate = CompletableFuture.completedFuture(null);
    private final AtomicInteger replays = new AtomicInteger();

    /** Every append fails until {@code failing} is false again. */
    void failing(boolean failing) {
        this.failing = failing;
    }

    /** Appends with a record of a matching group wait, unacknowledged, until {@link #release()}. */
    void hold(Predicate<String> groups) {
        holdRecords(record -> groups.test(record.group()));
    }

    /** Appends with a matching record wait, unacknowledged, until {@link #release()}. */
    void holdRecords(Predicate<OffsetLogRecord> records) {
        gate = new CompletableFuture<>();
        held = records;
    }

    void release() {
        held = record -> false;
        gate.complete(null);
    }

    /** Appends that are waiting for {@link #release()}. */
    int waitingAppends() {
        return waiting.get();
    }

    /** Replays wait until {@link #releaseReplays()}. */
    void holdReplays() {
        replayGate = new CompletableFuture<>();
    }

    void releaseReplays() {
        replayGate.complete(null);
    }

    /** Replays started so far. */
    int replays() {
        return replays.get();
    }

    synchronized List<OffsetLogRecord> records() {
        return List.copyOf(stored);
    }

    synchronized List<OffsetLogRecord> records(String group) {
        return stored.stream().filter(r -> r.group().equals(group)).toList();
    }

    /** Stores records as if a previous cluster had appended them. */
    synchronized void preload(List<OffsetLogRecord> records) {
        stored.addAll(records);
    }

    /** The size of every append that succeeded, in order. */
    synchronized List<Integer> appends() {
        return List.copyOf(appends);
    }

    int failedAppends() {
        return failedAppends.get();
    }

    @Override
    public CompletionStage<Void> append(List<OffsetLogRecord> records) {
        if (failing) {
            failedAppends.incrementAndGet();
            return CompletableFuture.failedFuture(new OffsetsUnavailableException("the test log is down"));
        }
        List<OffsetLogRecord> copy = List.copyOf(records);
        if (copy.stream().anyMatch(held)) {
            waiting.incrementAndGet();
            return gate.thenRun(() -> {
                store(copy);
                waiting.decrementAndGet();
            });
        }
        store(copy);
        return CompletableFuture.completedFuture(null);
    }

    private synchronized void store(List<OffsetLogRecord> records) {
        stored.addAll(records);
        appends.add(records.size());
    }

    @Override
    public void replay(Consumer<OffsetLogRecord> sink) throws InterruptedException {
        replays.incrementAndGet();
        try {
            replayGate.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        if (failing) {
            throw new OffsetsUnavailableException("the test log is down");
        }
        List<OffsetLogRecord> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(stored);
        }
        snapshot.forEach(sink);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
