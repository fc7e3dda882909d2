package io.roster.it;

import io.roster.client.PartitionProgress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches a group's committed offsets while a scenario runs, every 50 ms on a thread of its own:
 * <ul>
 *   <li>what the consumers had <b>acknowledged</b>: the highest committed offset per partition that any
 *       consumer's {@link PartitionProgress} showed (the SDK sets it when the coordinator accepts a commit,
 *       or reads it when the partition is assigned);</li>
 *   <li>what a coordinator node <b>serves</b> (its offsets endpoint), each answer kept with the time the
 *       request started, and every partition whose offset went back (or vanished) from one answer to the next
 *       (the answers of the nodes it is switched between count as one sequence).</li>
 * </ul>
 * Acknowledgements are sampled: one that lands between two samples shows in the next one, so "acknowledged"
 * here is at most what the coordinator really acknowledged, never more.
 */
final class OffsetWatch implements AutoCloseable {

    private static final long PERIOD_MS = 50;

    /** One answer of the watched node, requested at {@code at} ({@link System#nanoTime()}). */
    record Observation(long at, Map<TopicPartition, Long> offsets) {
    }

    private final List<TestConsumer> consumers;
    private final String group;
    private CoordinatorInstance node; // changed on the timer's thread (observeThrough)
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "offset-watch");
        thread.setDaemon(true);
        return thread;
    });
    // Written and read on the timer's thread only; the test reads them through it (onTimer).
    private final Map<TopicPartition, Long> acknowledged = new HashMap<>();
    private final List<Observation> observations = new ArrayList<>();
    private final List<String> wentBack = new ArrayList<>();
    private final List<String> unanswered = new ArrayList<>();

    private OffsetWatch(List<TestConsumer> consumers, CoordinatorInstance node, String group) {
        this.consumers = List.copyOf(consumers);
        this.node = node;
        this.group = group;
    }

    /** Starts watching {@code group}: the acknowledgements of {@code consumers}, the offsets {@code node} serves. */
    static OffsetWatch start(List<TestConsumer> consumers, CoordinatorInstance node, String group) {
        OffsetWatch watch = new OffsetWatch(consumers, node, group);
        watch.timer.scheduleWithFixedDelay(watch::sample, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
        return watch;
    }

    /** From the next sample on, reads the served offsets from {@code other} (before {@code node} is killed). */
    void observeThrough(CoordinatorInstance other) {
        onTimer(() -> node = other);
    }

    /** The highest acknowledged offset per partition, sampled now. */
    Map<TopicPartition, Long> acknowledged() {
        return onTimer(() -> {
            sampleAcknowledged();
            return Map.copyOf(acknowledged);
        });
    }

    List<Observation> observations() {
        return onTimer(() -> List.copyOf(observations));
    }

    /** How many answers the node gave to requests made after {@code since} ({@link System#nanoTime()}). */
    long answersSince(long since) {
        return observations().stream().filter(observation -> observation.at() > since).count();
    }

    /** Partitions whose served offset was seen to go back or vanish, with when and from what to what. */
    List<String> wentBack() {
        return onTimer(() -> List.copyOf(wentBack));
    }

    /** Samples that failed: the node answered neither 200 nor 404, or not at all, or a consumer did not answer. */
    List<String> unanswered() {
        return onTimer(() -> List.copyOf(unanswered));
    }

    /**
     * Every partition that an answer requested after {@code since} ({@link System#nanoTime()}) served below
     * {@code floor}: committed offsets acknowledged before {@code since} that the node did not have.
     */
    List<String> below(Map<TopicPartition, Long> floor, long since) {
        List<String> problems = new ArrayList<>();
        for (Observation observation : observations()) {
            if (observation.at() <= since) {
                continue;
            }
            floor.forEach((tp, acknowledgedOffset) -> {
                Long served = observation.offsets().get(tp);
                if (served == null || served < acknowledgedOffset) {
                    problems.add(tp + " served " + served + " " + (observation.at() - since) / 1_000_000
                            + " ms after, acknowledged " + acknowledgedOffset + " before");
                }
            });
        }
        return problems;
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the offset watch did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One sample; it catches its failures, since one escaping would cancel the schedule without a word. */
    private void sample() {
        long at;
        Map<TopicPartition, Long> served;
        try {
            sampleAcknowledged();
            at = System.nanoTime();
            served = CommittedOffsets.of(node, group);
        } catch (RuntimeException | AssertionError e) {
            unanswered.add(e.toString());
            return;
        }
        if (!observations.isEmpty()) {
            Observation last = observations.get(observations.size() - 1);
            last.offsets().forEach((tp, before) -> {
                Long now = served.get(tp);
                if (now == null || now < before) {
                    wentBack.add(tp + " went back from " + before + " to " + now + " (answers requested "
                            + (at - last.at()) / 1_000_000 + " ms apart)");
                }
            });
        }
        observations.add(new Observation(at, Map.copyOf(served)));
    }

    private void sampleAcknowledged() {
        for (TestConsumer consumer : consumers) {
            for (PartitionProgress progress : consumer.progress().values()) {
                if (progress.committedOffset() >= 0) {
                    acknowledged.merge(progress.partition(), progress.committedOffset(), Math::max);
                }
            }
        }
    }

    /** Runs {@code read} on the watch's thread, or here once the watch has stopped. */
    private <T> T onTimer(Callable<T> read) {
        try {
            return timer.isTerminated() ? read.call() : timer.submit(read).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the offset watch failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the offset watch did not answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (Exception e) {
            throw new AssertionError("the offset watch failed: " + e, e);
        }
    }
}
