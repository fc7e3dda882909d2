package io.roster.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Prints the state of the demo every second, two plain lines:
 * <pre>
 *  23s | 3 consumers | produced 500/s  processed 498/s | backlog 31 | lag 212 (12 partitions) | last rebalance 1→3: 412 ms
 *      | c1: 0 1 2 3 | c2: 4 5 6 7 | c3: 8 9 10 11
 * </pre>
 * The backlog is what the ledger knows now: records Kafka acknowledged that no consumer has
 * processed yet. Lag is the sum over the owned partitions of log end offset minus committed
 * offset, from the consumers' {@code progress()}; consumers commit every 500 ms, so it trails
 * the backlog. The view also drives the rebalance clock's time limit.
 */
final class LiveView implements AutoCloseable {

    private static final Duration PROGRESS_TIMEOUT = Duration.ofMillis(500);

    private final DemoConsumers consumers;
    private final DeliveryLedger ledger;
    private final RebalanceClock clock;
    private final LongSupplier millis;
    private final long startMs;
    private final PrintStream out;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-live-view");
        thread.setDaemon(true);
        return thread;
    });
    private DeliveryLedger.Counts previous;
    private long previousMs;

    LiveView(DemoConsumers consumers, DeliveryLedger ledger, RebalanceClock clock, LongSupplier millis, long startMs,
             PrintStream out) {
        this.consumers = consumers;
        this.ledger = ledger;
        this.clock = clock;
        this.millis = millis;
        this.startMs = startMs;
        this.out = out;
    }

    void start() {
        previous = ledger.counts();
        previousMs = millis.getAsLong();
        ticker.scheduleAtFixedRate(this::printSafely, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        Waits.terminated(ticker, Duration.ofSeconds(2));
    }

    private void printSafely() {
        try {
            print();
        } catch (RuntimeException e) {
            // one missed line must not stop the view
            out.println("   (live view: " + e + ")");
        }
    }

    private void print() {
        clock.observe(consumers.live().stream().map(DemoConsumer::owned).toList());
        long now = millis.getAsLong();
        DeliveryLedger.Counts counts = ledger.counts();
        double seconds = Math.max(1, now - previousMs) / 1000.0;
        long producedRate = Math.round((counts.produced() - previous.produced()) / seconds);
        long processedRate = Math.round((counts.processed() - previous.processed()) / seconds);
        previous = counts;
        previousMs = now;
        DemoConsumers.Lag lag = consumers.lag(PROGRESS_TIMEOUT);

        String rebalance;
        RebalanceClock.Rebalance last = clock.last();
        if (clock.running()) {
            rebalance = "rebalancing";
        } else if (last == null) {
            rebalance = "no rebalance yet";
        } else {
            rebalance = "last rebalance " + last.change() + ": " + (last.converged()
                    ? (last.kill() ? RebalanceClock.seconds(last.durationMs()) : last.durationMs() + " ms")
                    : "not balanced");
        }
        out.printf("%4ds | %d consumer%s | produced %d/s  processed %d/s | backlog %d | lag %d (%d partitions) | %s%n",
                (now - startMs) / 1000, consumers.size(), consumers.size() == 1 ? "" : "s", producedRate, processedRate,
                counts.unprocessed(), lag.records(), lag.partitions(), rebalance);
        out.println("      | " + (consumers.size() == 0 ? "(no consumer: records wait in Kafka)"
                : consumers.live().stream().map(c -> c.name() + ": " + c.ownedPartitions().stream()
                        .map(String::valueOf).collect(Collectors.joining(" "))).collect(Collectors.joining(" | "))));
    }
}
