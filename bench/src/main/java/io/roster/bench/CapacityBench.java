package io.roster.bench;

import io.roster.bench.CapacitySettings.Part;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Coordinator capacity: how many heartbeats and how many partition offsets committed per second one coordinator
 * node serves on this machine, with p50/p99 latency, in closed-loop steps of more and more requests in flight up to
 * saturation; and, as the anchor, how many Kafka commits per second the same broker serves to kafka-clients'
 * {@code commitAsync}. Writes section {@code coordinator-capacity} of docs/benchmarks.md.
 *
 * <p>Three processes: the Kafka broker ({@link KafkaBrokerProcess}), the coordinator node as an operator runs it
 * ({@link CoordinatorProcess}: {@code java -jar coordinator/target/roster-coordinator.jar}, one per durability
 * mode, one after the other), and this one, the load generator, which starts and stops the other two. Settings:
 * {@link CapacitySettings}. Any failed wait or refused set-up stops the run with exit code 1 and writes nothing;
 * errors during a step are counted and reported.
 *
 * <pre>
 * bench/capacity-bench.sh                      (builds, then runs this class on the bench's test class path)
 * BENCH_JVM_ARGS="-Dbench.capacity.time=3s" bench/capacity-bench.sh
 * </pre>
 */
public final class CapacityBench {

    static final String TOPIC = "capacity";
    static final String HEARTBEATS = "heartbeats";
    static final String KAFKA = "Kafka commitAsync";
    /** The latency bound for the throughput targets. */
    static final double P99_BOUND_MS = 10;
    /** Beyond a step's window: time for requests in flight to end (each is bounded by its own timeout). */
    private static final Duration DRAIN_MARGIN = Duration.ofSeconds(70);
    private static final long STARTED = System.nanoTime();

    private CapacityBench() {
    }

    static String rosterSide(String mode) {
        return "Roster " + mode;
    }

    public static void main(String[] args) {
        // Before any logger exists: the Kafka clients only when they warn.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
        // Its retried first commits while __consumer_offsets is created; a failed commit of a step is counted anyway.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.consumer.internals.ConsumerCoordinator",
                "error");
        int exitCode = 0;
        try {
            run(CapacitySettings.fromSystemProperties());
        } catch (BenchmarkFailure | IllegalArgumentException | IOException | UncheckedIOException e) {
            System.err.println();
            System.err.println("COORDINATOR CAPACITY FAILED, nothing written: " + e.getMessage());
            e.printStackTrace(System.err);
            exitCode = 1;
        }
        // Vert.x and Kafka client threads of a failed run must not keep the JVM alive; the hook stops the children.
        System.exit(exitCode);
    }

    private static void run(CapacitySettings settings) throws IOException {
        Instant started = Instant.now();
        String loadBefore = LoadAverage.now();
        System.out.printf("Coordinator capacity: %d steps of %d s warm-up + %d s measured (about %s in all), load"
                        + " average %s; logs in %s%n", settings.stepCount(), settings.warmup().toSeconds(),
                settings.time().toSeconds(), BenchmarkDoc.duration(CapacityDoc.expectedDuration(settings)), loadBefore,
                settings.logs());
        List<StepResult> results = new ArrayList<>();
        Map<String, LoadShard.Background> background = new LinkedHashMap<>();
        Path work = Files.createTempDirectory("roster-capacity-");
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(work, settings.logs(), settings.brokerJvmArgs())) {
            broker.createTopic(TOPIC, settings.partitions());
            progress("Kafka broker up at %s (pid %d), topic %s with %d partitions%n", broker.bootstrapServers(),
                    broker.pid(), TOPIC, settings.partitions());
            if (settings.parts().contains(Part.KAFKA)) {
                results.addAll(kafka(broker, settings));
            }
            boolean heartbeatsToRun = settings.parts().contains(Part.HEARTBEATS);
            for (String mode : settings.modes()) {
                if (!heartbeatsToRun && !settings.parts().contains(Part.COMMITS)) {
                    break;
                }
                results.addAll(roster(broker, settings, mode, heartbeatsToRun, background));
                // Heartbeats do not depend on the durability of offsets: measured with the first mode only.
                heartbeatsToRun = false;
            }
        } finally {
            deleteRecursively(work);
        }
        CapacityDoc.Report report = new CapacityDoc.Report(started, Duration.between(started, Instant.now()),
                MachineDescription.current(), loadBefore, LoadAverage.now(), settings, results, background);
        System.out.println();
        System.out.println(CapacityDoc.tables(report));
        if (settings.output().isEmpty()) {
            System.out.println("bench.capacity.output is empty: nothing written");
        } else {
            CapacityDoc.write(Path.of(settings.output()), report);
            System.out.printf("Wrote section coordinator-capacity of %s (run took %s)%n", settings.output(),
                    BenchmarkDoc.duration(report.took()));
        }
    }

    private static List<StepResult> kafka(KafkaBrokerProcess broker, CapacitySettings settings) {
        List<StepResult> results = new ArrayList<>();
        int consumers = Math.min(settings.kafkaConsumers(), settings.maxSteps());
        progress("%s: %d consumers (group.protocol=%s)%n", KAFKA, consumers, settings.kafkaGroupProtocol());
        try (KafkaCommitLoad kafka = new KafkaCommitLoad(broker.bootstrapServers(), TOPIC, settings.partitions(),
                consumers, settings.kafkaGroupProtocol())) {
            ProcessCpu cpu = new ProcessCpu(-1, broker.pid(), ProcessHandle.current().pid());
            for (int batch : settings.batches()) {
                quiet(settings);
                for (int inFlight : settings.steps()) {
                    results.add(step(KAFKA, batch, inFlight, (from, to) -> kafka.commits(batch, inFlight, from, to), cpu,
                            settings, () -> { }));
                }
            }
        }
        return results;
    }

    private static List<StepResult> roster(KafkaBrokerProcess broker, CapacitySettings settings, String mode,
                                           boolean withHeartbeats, Map<String, LoadShard.Background> background) {
        List<StepResult> results = new ArrayList<>();
        boolean withCommits = settings.parts().contains(Part.COMMITS);
        progress("Roster, offsets.durability=%s: starting the coordinator%n", mode);
        try (CoordinatorProcess coordinator = CoordinatorProcess.start(mode, broker.bootstrapServers(),
                settings.coordinatorJvmArgs(), settings.logs());
             RosterLoad load = new RosterLoad(settings, coordinator.httpPort(), TOPIC,
                     withHeartbeats ? settings.maxSteps() : 0, withCommits ? settings.maxSteps() : 0)) {
            progress("  coordinator up on 127.0.0.1:%d (pid %d)%n", coordinator.httpPort(), coordinator.pid());
            load.joinAndSettle(settings.partitions());
            ProcessCpu cpu = new ProcessCpu(coordinator.pid(), broker.pid(), ProcessHandle.current().pid());
            Runnable alive = () -> {
                if (!coordinator.alive()) {
                    throw new BenchmarkFailure("the coordinator ended during the run; " + coordinator.logTail(40));
                }
            };
            if (withHeartbeats) {
                quiet(settings);
                for (int inFlight : settings.steps()) {
                    results.add(step(HEARTBEATS, 0, inFlight, (from, to) -> load.heartbeats(inFlight, from, to), cpu,
                            settings, alive));
                }
            }
            if (withCommits) {
                for (int batch : settings.batches()) {
                    quiet(settings);
                    for (int inFlight : settings.steps()) {
                        results.add(step(rosterSide(mode), batch, inFlight,
                                (from, to) -> load.commits(batch, inFlight, from, to), cpu, settings, alive));
                    }
                }
            }
            background.put(mode, load.background());
        }
        return results;
    }

    /** Starts a step's loops now; its measured window begins after the warm-up. */
    @FunctionalInterface
    private interface Loops {
        CompletionStage<List<StepRecorder>> start(long windowStart, long windowEnd);
    }

    private static StepResult step(String side, int batch, int inFlight, Loops loops, ProcessCpu cpu,
                                   CapacitySettings settings, Runnable check) {
        long windowStart = System.nanoTime() + settings.warmup().toNanos();
        long windowEnd = windowStart + settings.time().toNanos();
        CompletionStage<List<StepRecorder>> running = loops.start(windowStart, windowEnd);
        sleepUntil(windowStart);
        ProcessCpu.Sample before = cpu.sample();
        sleepUntil(windowEnd);
        ProcessCpu.Sample after = cpu.sample();
        List<StepRecorder> recorders = ContextAwait.result(Future.fromCompletionStage(running),
                settings.requestTimeout().plus(DRAIN_MARGIN), side + " with " + inFlight + " in flight");
        check.run();
        StepResult result = new StepResult(side, batch, inFlight,
                StepRecorder.merge(recorders, settings.time().toNanos() / 1e9), after.percentSince(before));
        progress("  %s%n", CapacityDoc.progressLine(result));
        return result;
    }

    /** A line of progress, stamped with the time since the run started. */
    private static void progress(String pattern, Object... values) {
        long seconds = (System.nanoTime() - STARTED) / 1_000_000_000L;
        System.out.printf(Locale.ROOT, "[%2d:%02d] " + pattern, Stream.concat(Stream.of(seconds / 60, seconds % 60),
                Stream.of(values)).toArray());
    }

    private static void quiet(CapacitySettings settings) {
        QuietMachine.await(settings.maxLoad(), settings.loadWaitSeconds());
    }

    /** The measured window is a span of time: the main thread has nothing to do but let it pass. */
    private static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkFailure("interrupted during a step", e);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.out.println("  could not delete " + dir + ": " + e);
        }
    }

    static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
