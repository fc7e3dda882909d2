package io.roster.demo;

import io.roster.client.CommitPolicy;
import io.roster.client.RosterConsumerConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The scale demo: {@code java -jar integration-tests/target/roster-demo.jar}. One JVM runs a
 * Kafka broker, a coordinator node and a producer, and scales consumers built with the client
 * SDK on a schedule (and on keys, in a terminal) while printing a live view. Then it stops
 * producing, lets the consumers process the rest, and prints a summary: records produced,
 * processed, processed twice, lost (must be 0), and how long each rebalance took.
 */
@Command(name = "roster-demo", sortOptions = false,
        description = "Runs a Kafka broker, a Roster coordinator, a producer and consumers in one process, scales the"
                + " consumers on a schedule (and on keys + - k q in a terminal) and prints what happens; ends by itself.")
public final class ScaleDemo implements Callable<Integer> {

    static final String TOPIC = "orders";
    static final String GROUP = "orders-demo";
    /** Shortened for the demo, so that a kill is noticed quickly (the coordinator's default: 10 s). */
    static final long SESSION_TIMEOUT_MS = 6_000;
    /** Shortened with it (default: 3 s). */
    static final long HEARTBEAT_INTERVAL_MS = 1_000;
    static final Duration COMMIT_INTERVAL = Duration.ofMillis(500);

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DRAIN_TIMEOUT_AFTER_SIGNAL = Duration.ofSeconds(10);
    /**
     * Starting, draining and stopping take about 10 s together; past the duration plus this the
     * demo halts (with the defaults: after 2 minutes in all).
     */
    private static final Duration WATCHDOG_MARGIN = Duration.ofSeconds(60);

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long records are produced and the schedule plays, e.g. 60s, 2m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--partitions", defaultValue = "12",
            description = "Partitions of the topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--rate", defaultValue = "500",
            description = "Records produced per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--schedule", defaultValue = "1,3,6,2,4",
            description = "Consumers to run, one step after another, spread over the duration; k kills the oldest"
                    + " consumer instead, e.g. 1,3,6,k,2,4 (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Shows this help and exits.")
    boolean help;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream out = System.out;
    private final LongSupplier millis = () -> System.nanoTime() / 1_000_000;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean signalled;
    private volatile String stopReason;

    public static void main(String[] args) {
        ScaleDemo demo = new ScaleDemo();
        int code = new CommandLine(demo).execute(args);
        if (!demo.signalled) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        ScaleSchedule steps = validate();
        startWatchdog();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopOnSignal, "demo-stop"));
        try {
            return run(steps);
        } finally {
            finished.countDown();
        }
    }

    private int run(ScaleSchedule steps) {
        printIntroduction(steps);
        long clusterStart = millis.getAsLong();
        out.print("starting a Kafka broker and a coordinator ... ");
        out.flush();
        try (DemoCluster cluster = DemoCluster.start(TOPIC, partitions, SESSION_TIMEOUT_MS, HEARTBEAT_INTERVAL_MS)) {
            out.printf("%s: Kafka at %s, coordinator HTTP at %s, Hazelcast member %s%n",
                    RebalanceClock.seconds(millis.getAsLong() - clusterStart), cluster.bootstrapServers(),
                    cluster.coordinatorAddress(), cluster.hazelcastAddress());
            return runScenario(cluster, steps);
        }
    }

    private int runScenario(DemoCluster cluster, ScaleSchedule steps) {
        DeliveryLedger ledger = new DeliveryLedger();
        DemoProducer producer = new DemoProducer(cluster.bootstrapServers(), TOPIC, rate, ledger);
        long start = millis.getAsLong();
        RebalanceClock clock = new RebalanceClock(partitions, millis, start, out);
        RosterConsumerConfig config = RosterConsumerConfig.builder().coordinators(cluster.coordinatorAddress())
                .groupId(GROUP).topics(TOPIC).kafkaProperty("bootstrap.servers", cluster.bootstrapServers())
                .kafkaProperty("auto.offset.reset", "earliest").commitPolicy(CommitPolicy.periodic(COMMIT_INTERVAL))
                .build();
        DemoConsumers consumers = new DemoConsumers(config, ledger, clock, out);
        ScheduledThreadPoolExecutor controller = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "demo-controller");
            thread.setDaemon(true);
            return thread;
        });
        controller.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        LiveView view = new LiveView(consumers, ledger, clock, millis, start, out);

        scheduleSteps(steps, controller, consumers, start);
        Optional<KeyboardControl> keys = KeyboardControl.startIfTerminal(System.in,
                key -> onKey(key, controller, consumers, start));
        keys.ifPresent(k -> out.println("keys" + (k.characterMode() ? "" : " (then Enter)") + ": + start a consumer,"
                + " - close one, k kill one (no commit: its records come again after the session timeout), q quit"));
        producer.start();
        view.start();
        try {
            Waits.await(stop, duration);
            long produceMs = millis.getAsLong() - start;
            out.println(stopReason == null ? "producing ends" : "stopping (" + stopReason + "): producing ends");
            controller.shutdown();
            Waits.terminated(controller, Duration.ofSeconds(35));
            keys.ifPresent(KeyboardControl::close);
            producer.close();
            long drainStart = millis.getAsLong();
            drain(consumers, ledger, clock);
            long drainMs = millis.getAsLong() - drainStart;
            view.close();
            clock.abandon();
            out.println("closing the consumers and the cluster");
            consumers.closeAll();
            DemoSummary summary = new DemoSummary(millis.getAsLong() - start, produceMs, drainMs, ledger.counts(),
                    clock.finished(), consumers.killed(), consumers.lostPartitions(), SESSION_TIMEOUT_MS);
            summary.print(out);
            return summary.exitCode();
        } finally {
            controller.shutdownNow();
            keys.ifPresent(KeyboardControl::close);
            view.close();
        }
    }

    /** Each step on the controller thread, at its time from {@code start}. */
    private void scheduleSteps(ScaleSchedule steps, ScheduledThreadPoolExecutor controller, DemoConsumers consumers,
                               long start) {
        for (int i = 0; i < steps.steps().size(); i++) {
            ScaleSchedule.Step step = steps.steps().get(i);
            Runnable action = step.kill() ? consumers::killOne : () -> consumers.scaleTo(step.consumers());
            String why = "schedule: " + (step.kill() ? "kill one" : "scale to " + step.consumers());
            controller.schedule(() -> act(start, why, action), steps.at(i, duration).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Waits until every acknowledged record is processed and a running rebalance is done (bounded). */
    private void drain(DemoConsumers consumers, DeliveryLedger ledger, RebalanceClock clock) {
        if (consumers.size() == 0) {
            out.println("no consumer left: starting one to process the rest");
            consumers.add(1);
        }
        long deadline = millis.getAsLong() + (signalled ? DRAIN_TIMEOUT_AFTER_SIGNAL : DRAIN_TIMEOUT).toMillis();
        while ((ledger.counts().unprocessed() > 0 || clock.running()) && millis.getAsLong() < deadline) {
            Waits.sleep(Duration.ofMillis(100));
        }
        if (ledger.counts().unprocessed() > 0) {
            out.printf("gave up waiting: %d records not processed%n", ledger.counts().unprocessed());
        }
    }

    private void onKey(int key, ScheduledThreadPoolExecutor controller, DemoConsumers consumers, long start) {
        try {
            switch (key) {
                case '+' -> controller.execute(() -> act(start, "key +", () -> consumers.add(1)));
                case '-' -> controller.execute(() -> act(start, "key -", () -> {
                    if (consumers.size() > 0) {
                        consumers.remove(1);
                    }
                }));
                case 'k' -> controller.execute(() -> act(start, "key k", consumers::killOne));
                case 'q' -> {
                    stopReason = "key q";
                    stop.countDown();
                }
                default -> out.println("   keys: + start a consumer, - close one, k kill one, q quit");
            }
        } catch (RejectedExecutionException e) {
            // the demo is ending: no more scaling
        }
    }

    private void act(long start, String why, Runnable action) {
        out.printf(">> %.1f s  %s%n", (millis.getAsLong() - start) / 1000.0, why);
        try {
            action.run();
        } catch (RuntimeException e) {
            out.println("   " + why + " failed: " + e.getMessage());
        }
    }

    private void printIntroduction(ScaleSchedule steps) {
        out.println("Roster scale demo: a Kafka broker, a coordinator node and consumers built with the client SDK,"
                + " all in this JVM");
        out.printf("  topic %s: %d partitions; producer: %d records/s for %s; consumers: %s, a step every %s%n",
                TOPIC, partitions, rate, RebalanceClock.seconds(duration.toMillis()), steps,
                RebalanceClock.seconds(duration.toMillis() / steps.steps().size()));
        out.printf("  group timeouts shortened for the demo: session timeout %s, heartbeat interval %s"
                        + " (the coordinator's defaults: 10 s and 3 s); consumers commit every %d ms%n",
                RebalanceClock.seconds(SESSION_TIMEOUT_MS), RebalanceClock.seconds(HEARTBEAT_INTERVAL_MS),
                COMMIT_INTERVAL.toMillis());
        out.printf("  a rebalance is timed from the scale action until every consumer owns its share and each of the"
                + " %d partitions has one owner%n", partitions);
    }

    private ScaleSchedule validate() {
        if (duration.compareTo(Duration.ofSeconds(5)) < 0 || duration.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--duration must be 5s to 30m: " + duration);
        }
        if (partitions < 1 || partitions > 1_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--partitions must be 1 to 1000: " + partitions);
        }
        if (rate < 1 || rate > 100_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be 1 to 100000: " + rate);
        }
        try {
            return ScaleSchedule.parse(schedule);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--schedule: " + e.getMessage());
        }
    }

    /** Ctrl-C or SIGTERM: end the run early, then let the main thread print the summary. */
    private void stopOnSignal() {
        if (finished.getCount() == 0) {
            return;
        }
        signalled = true;
        stopReason = "signal";
        stop.countDown();
        Waits.await(finished, Duration.ofSeconds(60));
    }

    private void startWatchdog() {
        Duration limit = duration.plus(WATCHDOG_MARGIN);
        long deadline = millis.getAsLong() + limit.toMillis();
        Thread watchdog = new Thread(() -> {
            while (millis.getAsLong() < deadline) {
                Waits.sleep(Duration.ofMillis(deadline - millis.getAsLong()));
            }
            System.err.printf("the demo did not end within %d s: stopping it%n", limit.toSeconds());
            Runtime.getRuntime().halt(3);
        }, "demo-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** {@code 90s}, {@code 2m}, {@code 1500ms}, or a number of seconds. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            try {
                if (text.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
                }
                if (text.endsWith("s")) {
                    return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
                }
                if (text.endsWith("m")) {
                    return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
                }
                return Duration.ofSeconds(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 60s or 2m");
            }
        }
    }
}
