package io.roster.offsets;

import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.core.HazelcastInstance;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes one member's changes of committed offsets durable in a {@link DurableOffsetLog}, so that they
 * survive the loss of every member at once. See {@code docs/durability.md}.
 *
 * <p>One instance per member, installed in the member's config before it starts
 * ({@link #install(Config)}); every member of a cluster needs one, with the same mode. The offset store's
 * processors find it in the member's user context and write through it on the <b>primary</b> replica of a
 * group's entry only, in the order they apply the changes: backups apply the primary's decision and never
 * write. Which changes are logged: commits, resets, deletes (tombstones) and retention expiry (tombstones).
 * Ownership publishes are not: membership is rebuilt from heartbeats.
 *
 * <p>After a cold start the cluster reloads the log before it serves offsets: {@link OffsetLogLoader}.
 *
 * <p>{@link DurabilityMode#SYNC}: a logged change runs on the {@value #EXECUTOR_NAME} executor while
 * Hazelcast keeps the group's key locked; it is written and waited for (at most {@code timeoutMs}), and only
 * then applied. If the log does not acknowledge it, nothing changes but the group's log sequence number,
 * and the caller's stage fails with {@link OffsetsUnavailableException}.
 *
 * <p>{@link DurabilityMode#ASYNC}: a logged change is applied on the partition thread as without a log, and
 * its records handed to this member's writer ({@code AsyncLogWriter}), which writes them in batches
 * ({@code lingerMs}, {@code batchRecords}) from a thread of its own, retrying until the log takes them.
 * What the writer holds when the whole cluster is lost at once is lost; see {@code docs/durability.md}.
 */
public final class DurableOffsets implements AutoCloseable {

    /** The Hazelcast executor that synchronous logged changes run on, so that no partition thread waits for the log. */
    public static final String EXECUTOR_NAME = "roster-offsets-durable";
    /** Threads of {@value #EXECUTOR_NAME}: changes of this many groups may wait for the log at once per member. */
    public static final int EXECUTOR_POOL_SIZE = 16;

    private static final String USER_CONTEXT_KEY = DurableOffsets.class.getName();

    private final DurableOffsetLog log;
    private final DurableOffsetsConfig config;
    private final AtomicBoolean loaded = new AtomicBoolean();
    private final AsyncLogWriter writer;

    public DurableOffsets(DurableOffsetLog log, DurableOffsetsConfig config) {
        this.log = Objects.requireNonNull(log, "log");
        this.config = Objects.requireNonNull(config, "config");
        this.writer = config.mode() == DurabilityMode.ASYNC ? new AsyncLogWriter(log, config) : null;
    }

    /**
     * Registers this instance in a member's config, with the {@value #EXECUTOR_NAME} executor. Call it before
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
        hazelcastConfig.addExecutorConfig(new ExecutorConfig(EXECUTOR_NAME, EXECUTOR_POOL_SIZE));
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
     * Writes the records of one change as the mode says: {@link DurabilityMode#SYNC} appends them and waits
     * for the log's acknowledgement; {@link DurabilityMode#ASYNC} hands them to the member's writer and
     * returns at once. For the offset store's processors, on the primary replica only.
     *
     * @throws OffsetsUnavailableException if the log did not acknowledge within {@code timeoutMs} (sync), or
     *                                     this member's writer is closed (async)
     */
    public void write(List<OffsetLogRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        if (writer != null) {
            writer.enqueue(records);
            return;
        }
        try {
            log.append(records).toCompletableFuture().get(config.timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof OffsetsUnavailableException unavailable ? unavailable
                    : new OffsetsUnavailableException("the durable offset log failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new OffsetsUnavailableException("the durable offset log did not acknowledge within "
                    + config.timeoutMs() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OffsetsUnavailableException("interrupted while waiting for the durable offset log", e);
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
        log.close();
    }
}
