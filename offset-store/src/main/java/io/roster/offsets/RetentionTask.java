package io.roster.offsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls {@link OffsetStore#expireEmptyGroups()} periodically on a daemon thread of its own (the call
 * blocks). A failed run is logged and the next one runs on schedule: the task never dies of a failure.
 * Runs never overlap: the next run is scheduled {@code interval} after the previous one finished.
 */
public final class RetentionTask implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionTask.class);

    private final OffsetStore store;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong completedRuns = new AtomicLong();

    private RetentionTask(OffsetStore store, Duration interval) {
        this.store = store;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "roster-offset-retention");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the task; the first run is one {@code interval} from now.
     *
     * @throws IllegalArgumentException if {@code interval} is shorter than one millisecond
     */
    public static RetentionTask start(OffsetStore store, Duration interval) {
        Objects.requireNonNull(store, "store");
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("retention check interval must be at least 1 ms: " + interval);
        }
        return new RetentionTask(store, interval);
    }

    /** Runs finished so far, failed ones included. */
    public long completedRuns() {
        return completedRuns.get();
    }

    /** Stops the task; a run in progress is interrupted. Idempotent. */
    public void stop() {
        scheduler.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    private void runOnce() {
        try {
            int expired = store.expireEmptyGroups().toCompletableFuture().get();
            if (expired > 0) {
                LOG.info("retention run removed the offsets of {} group(s) without members", expired);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("retention run failed; retrying in the next run", e.getCause());
        } catch (RuntimeException e) {
            LOG.warn("retention run failed; retrying in the next run", e);
        } finally {
            completedRuns.incrementAndGet();
        }
    }
}
