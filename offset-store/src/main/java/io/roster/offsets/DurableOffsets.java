package io.roster.offsets;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import io.roster.offsets.impl.Stages;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes one member's changes of committed offsets durable in a {@link DurableOffsetLog}, so that they
 * survive the loss of every member at once. See {@code docs/durability.md}.
 *
 * <p>One instance per member, installed in the member's config before it starts
 * ({@link #install(Config)}); every member of a cluster needs one, with the same mode. Each change is
 * written once, in the order the changes of its group are stored: by the group's <b>primary</b> replica
 * (async), or by the member that asked for the change (sync); backups apply the primary's decision and
 * never write. Which changes are logged: commits, resets, deletes (tombstones) and retention expiry (tombstones).
 * Ownership publishes are not: membership is rebuilt from heartbeats.
 *
 * <p>After a cold start the cluster reloads the log before it serves offsets: {@link OffsetLogLoader}.
 *
 * <p>{@link DurabilityMode#SYNC}: a logged change is decided on the partition thread and stored in the
 * group's entry as pending, which holds the group's other changes up; the member that asked for it then
 * appends its records ({@link #append}, at most {@code timeoutMs}) and only then applies it. If the log does
 * not acknowledge it, it is dropped: nothing changes but the group's log sequence number, and the caller's
 * stage fails with {@link OffsetsUnavailableException}.
 *
 * <p>{@link DurabilityMode#ASYNC}: a logged change is applied on the partition thread as without a log, and
 * its records handed to this member's writer ({@code AsyncLogWriter}), which writes them in batches
 * ({@code lingerMs}, {@code batchRecords}) from a thread of its own, retrying until the log takes them.
 * What the writer holds when the whole cluster is lost at once is lost; see {@code docs/durability.md}.
 */
public final class DurableOffsets implements AutoCloseable {

    private static final String USER_CONTEXT_KEY = DurableOffsets.class.getName();

    private final DurableOffsetLog log;
    private final DurableOffsetsConfig config;
    private final AtomicBoolean loaded = new AtomicBoolean();
    private final AsyncLogWriter writer;
    private final ScheduledExecutorService scheduler;

    public DurableOffsets(DurableOffsetLog log, DurableOffsetsConfig config) {
        this.log = Objects.requireNonNull(log, "log");
        this.config = Objects.requireNonNull(config, "config");
        this.writer = config.mode() == DurabilityMode.ASYNC ? new AsyncLogWriter(log, config) : null;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "roster-offsets-sync");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Registers this instance in a member's config. Call it before
     * the member starts, besides {@link OffsetStore#configure}.
     *
     * @return {@code hazelcastConfig}, for chaining
     * @throws IllegalStateException if another instance is already registered in that config
     */
    public Config install(Config hazelcastConfig) {
        Object existing = hazelcastConfig.getUserContext().putIfAbsent(USER_CONTEXT_KEY, this);
        if (existing != null && existing != this) {
            throw new IllegalStateException("the member config already has its durable offsets");
        }
        return hazelcastConfig;
    }

    /** The instance installed on {@code member}, if any. */
    public static Optional<DurableOffsets> of(HazelcastInstance member) {
        return Optional.ofNullable((DurableOffsets) member.getUserContext().get(USER_CONTEXT_KEY));
    }

    public DurabilityMode mode() {
        return config.mode();
    }

    public DurableOffsetsConfig config() {
        return config;
    }

    public DurableOffsetLog log() {
        return log;
    }

    /**
     * Whether this member knows the cluster's offsets to be loaded (see {@link OffsetLogLoader}). Until then
     * the offset store refuses to read or change offsets ({@link OffsetsLoadingException}).
     */
    public boolean loaded() {
        return loaded.get();
    }

    /** @return whether it changed */
    boolean loaded(boolean value) {
        return loaded.getAndSet(value) != value;
    }

    /**
     * Appends the records of one pending change ({@link DurabilityMode#SYNC}), from this member's own thread
     * (an append may block briefly while the log fetches metadata).
     *
     * @return a stage that completes once the log acknowledged every record, or fails with
     *         {@link OffsetsUnavailableException} if it did not within {@code timeoutMs}
     */
    public CompletionStage<Void> append(List<OffsetLogRecord> records) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> appended = new CompletableFuture<>();
        try {
            scheduler.execute(() -> log.append(records).whenComplete((ok, failure) -> {
                if (failure == null) {
                    appended.complete(null);
                } else {
                    Throwable cause = Stages.unwrap(failure);
                    appended.completeExceptionally(cause instanceof OffsetsUnavailableException ? cause
                            : new OffsetsUnavailableException("the durable offset log failed: " + cause, cause));
                }
            }));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new OffsetsUnavailableException("the durable offsets of this member are closed", e));
        }
        scheduler.schedule(() -> appended.completeExceptionally(new OffsetsUnavailableException(
                "the durable offset log did not acknowledge within " + config.timeoutMs() + " ms")),
                config.timeoutMs(), TimeUnit.MILLISECONDS);
        return appended;
    }

    /**
     * Runs {@code task} on this member's own thread after {@code delayMs}: the steps of synchronous changes.
     * Once closed, runs it at once on the calling thread, so that the change still ends (its Hazelcast calls
     * fail then).
     */
    void schedule(Runnable task, long delayMs) {
        try {
            scheduler.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    /**
     * Hands the records of one applied change to this member's writer ({@link DurabilityMode#ASYNC}), which
     * writes them shortly after; returns at once. For the offset store's processors, on the primary replica
     * only.
     *
     * @throws OffsetsUnavailableException if this member's writer is closed
     * @throws IllegalStateException       in {@link DurabilityMode#SYNC}: see {@link #append}
     */
    public void write(List<OffsetLogRecord> records) {
        if (writer == null) {
            throw new IllegalStateException("synchronous durable offsets append, they do not write");
        }
        if (!records.isEmpty()) {
            writer.enqueue(records);
        }
    }

    /** Records handed to the log and not yet acknowledged by it (always 0 in {@link DurabilityMode#SYNC}). */
    public int pendingRecords() {
        return writer == null ? 0 : writer.pending();
    }

    /** Records the asynchronous writer has written so far (0 in {@link DurabilityMode#SYNC}). */
    public long writtenRecords() {
        return writer == null ? 0 : writer.written();
    }

    /**
     * Waits until every change applied on this member so far is in the log, at most {@code timeout}.
     *
     * @return whether it is (always {@code true} in {@link DurabilityMode#SYNC})
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        return writer == null || writer.flush(timeout);
    }

    /**
     * Writes what still waits (asynchronous mode; at most {@code timeoutMs}) and closes the log. Call it once
     * the member has left the cluster, so that no change is applied here any more.
     */
    @Override
    public void close() {
        close(Duration.ofMillis(config.timeoutMs()));
    }

    /** As {@link #close()}, waiting at most {@code wait} for what waits; {@code Duration.ZERO} drops it, as a crash would. */
    public void close(Duration wait) {
        if (writer != null) {
            writer.close(wait);
        }
        scheduler.shutdownNow();
        log.close();
    }
}
