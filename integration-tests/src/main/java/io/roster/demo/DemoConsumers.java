package io.roster.demo;

import io.roster.client.PartitionProgress;
import io.roster.client.RosterConsumerConfig;
import io.vertx.core.Future;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * The live consumer instances, named {@code c1, c2, ...} in start order, and the scale
 * actions on them: start, close (graceful) and kill. Each action tells the rebalance clock
 * first; every ownership change any consumer sees is passed on to it. Actions come from one
 * thread at a time (the demo's controller); the listeners call in from the consumers' contexts.
 */
final class DemoConsumers implements DemoConsumer.Observer {

    private static final Duration ACTION_TIMEOUT = Duration.ofSeconds(30);

    private final RosterConsumerConfig config;
    private final DeliveryLedger ledger;
    private final RebalanceClock clock;
    private final PrintStream out;
    private final List<DemoConsumer> live = new CopyOnWriteArrayList<>();
    private final AtomicLong lostPartitions = new AtomicLong();
    private int started;
    private int killed;

    DemoConsumers(RosterConsumerConfig config, DeliveryLedger ledger, RebalanceClock clock, PrintStream out) {
        this.config = config;
        this.ledger = ledger;
        this.clock = clock;
        this.out = out;
    }

    int size() {
        return live.size();
    }

    List<DemoConsumer> live() {
        return List.copyOf(live);
    }

    /** How many consumers were killed so far. */
    int killed() {
        return killed;
    }

    /** How many partitions consumers lost (taken away without a commit) so far, kills aside. */
    long lostPartitions() {
        return lostPartitions.get();
    }

    /** Starts or closes consumers (the newest first) until {@code target} run. */
    void scaleTo(int target) {
        if (target > live.size()) {
            add(target - live.size());
        } else if (target < live.size()) {
            remove(live.size() - target);
        } else {
            out.println("   (" + target + " running already)");
        }
    }

    /** Starts {@code count} consumers; returns once each has joined. */
    void add(int count) {
        List<DemoConsumer> fresh = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fresh.add(new DemoConsumer("c" + ++started, config, ledger, this));
        }
        clock.actionTaken("start " + names(fresh), live.size(), live.size() + count, false, Set.of());
        live.addAll(fresh);
        for (DemoConsumer consumer : fresh) {
            consumer.terminated().onFailure(e -> stoppedByItself(consumer, e));
        }
        Waits.quietly("starting " + names(fresh), Future.all(fresh.stream().map(DemoConsumer::start).toList()),
                ACTION_TIMEOUT);
    }

    /** Closes the {@code count} newest consumers gracefully; returns once they have left. */
    void remove(int count) {
        List<DemoConsumer> leaving = new ArrayList<>(live.subList(live.size() - count, live.size()));
        clock.actionTaken("close " + names(leaving), live.size(), live.size() - count, false, Set.of());
        live.removeAll(leaving);
        Waits.quietly("closing " + names(leaving), Future.join(leaving.stream().map(DemoConsumer::close).toList()),
                ACTION_TIMEOUT);
    }

    /** Kills the oldest consumer: no commit, no leave. */
    void killOne() {
        if (live.isEmpty()) {
            out.println("   (no consumer to kill)");
            return;
        }
        DemoConsumer victim = live.get(0);
        killed++;
        clock.actionTaken("kill " + victim.name(), live.size(), live.size() - 1, true, victim.owned());
        live.remove(victim);
        Waits.quietly("killing " + victim.name(), victim.kill(), ACTION_TIMEOUT);
    }

    /** Closes every consumer gracefully (the end of the demo: not timed). */
    void closeAll() {
        List<DemoConsumer> leaving = live();
        live.clear();
        Waits.quietly("closing the consumers", Future.join(leaving.stream().map(DemoConsumer::close).toList()),
                ACTION_TIMEOUT);
    }

    /**
     * The summed lag ({@code log end - committed}) of the partitions whose consumers know both;
     * partitions that nobody owns (during a rebalance) are not counted.
     */
    Lag lag(Duration timeout) {
        List<Future<Map<TopicPartition, PartitionProgress>>> answers = live.stream().map(DemoConsumer::progress).toList();
        try {
            Waits.result("progress", Future.join(answers), timeout);
        } catch (IllegalStateException e) {
            // a consumer closing or slow to answer: the sum covers the others
        }
        long total = 0;
        int known = 0;
        for (Future<Map<TopicPartition, PartitionProgress>> answer : answers) {
            if (!answer.succeeded()) {
                continue;
            }
            for (PartitionProgress partition : answer.result().values()) {
                if (partition.committedOffset() >= 0 && partition.logEndOffset() >= 0) {
                    total += partition.lag();
                    known++;
                }
            }
        }
        return new Lag(total, known);
    }

    /** @param partitions how many partitions the sum covers */
    record Lag(long records, int partitions) {
    }

    @Override
    public void ownershipChanged() {
        clock.observe(live.stream().map(DemoConsumer::owned).toList());
    }

    @Override
    public void partitionsLost(DemoConsumer consumer, Set<TopicPartition> partitions) {
        lostPartitions.addAndGet(partitions.size());
        out.println("   " + consumer.name() + " lost partitions " + partitions.stream().map(TopicPartition::partition)
                .sorted().toList() + " without a commit: their records since its last commit will come again");
    }

    private void stoppedByItself(DemoConsumer consumer, Throwable cause) {
        if (live.remove(consumer)) {
            out.println("   " + consumer.name() + " stopped by itself: " + cause.getMessage());
            ownershipChanged();
        }
    }

    private static String names(List<DemoConsumer> consumers) {
        return consumers.stream().map(DemoConsumer::name).collect(Collectors.joining(", "));
    }
}
