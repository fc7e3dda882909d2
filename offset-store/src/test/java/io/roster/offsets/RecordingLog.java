package io.roster.offsets;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A durable offset log in memory for the tests: keeps what was appended, in order; can refuse every append,
 * or hold the appends of some groups until {@link #release()}.
 */
final class RecordingLog implements DurableOffsetLog {

    private final List<OffsetLogRecord> stored = new ArrayList<>();
    private final List<Integer> appends = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger failedAppends = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean failing;
    private volatile Predicate<String> held = group -> false;
    private volatile CompletableFuture<Void> gate = new CompletableFuture<>();
    private volatile CompletableFuture<Void> replayGate = CompletableFuture.completedFuture(null);
    private final java.util.concurrent.atomic.AtomicInteger replays = new java.util.concurrent.atomic.AtomicInteger();

    /** Every append fails until {@code failing} is false again. */
    void failing(boolean failing) {
        this.failing = failing;
    }

    /** Appends with a record of a matching group wait, unacknowledged, until {@link #release()}. */
    void hold(Predicate<String> groups) {
        gate = new CompletableFuture<>();
        held = groups;
    }

    void release() {
        held = group -> false;
        gate.complete(null);
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
        if (copy.stream().anyMatch(r -> held.test(r.group()))) {
            return gate.thenRun(() -> store(copy));
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
