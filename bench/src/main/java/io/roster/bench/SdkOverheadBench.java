package io.roster.bench;

import io.roster.bench.SdkOverheadSettings.ConsumerKind;
import io.roster.coordinator.testing.EmbeddedKafkaBroker;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * SDK overhead: records per second through the client SDK's {@code RosterConsumer}
 * (a handler that does nothing, periodic commits) against a plain vertx-kafka-client consumer with
 * {@code assign()}, both reading the same records from the same in-JVM Kafka broker, in alternating runs.
 * Writes the {@code sdk-overhead} section of {@code docs/benchmarks.md}.
 *
 * <p>Run, from the repository root: {@code bench/sdk-overhead-bench.sh} (it builds, then runs this class on
 * the bench module's test classpath, where the broker is). Settings: {@link SdkOverheadSettings}, given in
 * {@code BENCH_JVM_ARGS="-Dbench.sdk.runs=10 ..."}. What a run is and what its times mean:
 * {@link RawRead}, {@link SdkRead}, {@link ReadToEnd}. Every wait is bounded; a failed run stops the
 * benchmark with exit code 1 and writes nothing.
 */
public final class SdkOverheadBench {

    private static final String TOPIC = "sdk-overhead";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private SdkOverheadBench() {
    }

    public static void main(String[] args) {
        // Before any logger exists: the broker, Hazelcast and the clients only when they warn.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.state.change.logger", "off");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
        System.setProperty("hazelcast.logging.type", "slf4j");
        BenchmarkExit.afterRunning("SDK OVERHEAD BENCHMARK", () -> run(SdkOverheadSettings.fromSystemProperties()));
    }

    private static void run(SdkOverheadSettings settings) throws IOException {
        Instant started = Instant.now();
        String loadBefore = LoadAverage.now();
        System.out.printf(Locale.ROOT, "SDK overhead: %,d records of %d bytes in %d partitions; %d warm-up and %d"
                        + " measured runs of %s; load average %s%n", settings.records(), settings.valueBytes(),
                settings.partitions(), settings.warmup(), settings.runs(), settings.consumers(), loadBefore);
        List<ReadSample> samples = new ArrayList<>();
        Duration produceTime;
        String loadAtFirstRun;
        try (EmbeddedKafkaBroker kafka = new EmbeddedKafkaBroker().start()) {
            PreloadedTopic topic = PreloadedTopic.create(kafka, TOPIC, settings.partitions(), settings.records(),
                    settings.valueBytes());
            produceTime = topic.produceTime();
            System.out.printf(Locale.ROOT, "produced %,d records in %.1f s; end offsets checked%n", topic.records(),
                    produceTime.toMillis() / 1000.0);
            try (CoordinatorCluster coordinator = CoordinatorCluster.startOnKafka(1, kafka.bootstrapServers())) {
                String address = JsonExchange.LOOPBACK + ":" + coordinator.httpPort(0);
                Map<String, String> common = Map.of("bootstrap.servers", kafka.bootstrapServers());
                loadAtFirstRun = QuietMachine.await(settings.maxLoad(), settings.loadWaitSeconds());
                for (int round = 1; round <= settings.warmup() + settings.runs(); round++) {
                    for (ConsumerKind kind : settings.consumers()) {
                        ReadSample sample = readOnce(kind, round, round <= settings.warmup(), topic, common, address,
                                settings);
                        System.out.println(SdkOverheadDoc.describe(sample));
                        samples.add(sample);
                    }
                }
            }
        }
        SdkOverheadDoc.Report report = new SdkOverheadDoc.Report(started, Duration.between(started, Instant.now()),
                MachineDescription.current(), loadBefore, loadAtFirstRun, LoadAverage.now(), settings, produceTime,
                List.copyOf(samples));
        System.out.println();
        System.out.println(SdkOverheadDoc.results(report));
        if (settings.output() == null || !settings.compares()) {
            System.out.println("Nothing written (" + (settings.compares() ? "no output file" : "one consumer only") + ")");
            return;
        }
        SdkOverheadDoc.write(settings.output(), report);
        System.out.printf("Wrote %s (run took %s)%n", settings.output(), BenchmarkDoc.duration(report.took()));
    }

    /** One run on a Vert.x instance of its own, closed after it. */
    private static ReadSample readOnce(ConsumerKind kind, int round, boolean warmup, PreloadedTopic topic,
                                       Map<String, String> common, String coordinator, SdkOverheadSettings settings) {
        // Untimed: neither consumer should pay for the garbage the one before it left.
        System.gc();
        Duration timeout = Duration.ofSeconds(settings.runTimeoutSeconds());
        Vertx vertx = Vertx.vertx();
        try {
            return switch (kind) {
                case RAW -> {
                    ReadToEnd.Timing read = RawRead.read(vertx, topic, common, timeout);
                    yield new ReadSample(kind, round, warmup, topic.records(), read.lastRecordNanos(),
                            read.firstRecordNanos(), -1);
                }
                case SDK -> {
                    String group = TOPIC + "-" + round + "-" + UUID.randomUUID();
                    SdkRead.Timing timing = SdkRead.read(vertx, topic, common, coordinator, group, timeout);
                    yield new ReadSample(kind, round, warmup, topic.records(), timing.read().lastRecordNanos(),
                            timing.read().firstRecordNanos(), timing.joinNanos());
                }
            };
        } finally {
            ContextAwait.result(vertx.close(), CLOSE_TIMEOUT, "closing the run's Vert.x");
        }
    }
}
