package io.roster.bench;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures how long a join of one member to a stable group of ten takes to converge on
 * loopback, from the newcomer's first heartbeat to every member holding its final
 * partitions; writes {@code docs/join-convergence.md}.
 *
 * <p>Everything runs in this JVM: real coordinator nodes on real Hazelcast members (one
 * node; then three in one cluster), topics from a static source (no Kafka), and simulated
 * members ({@link SimulatedMember}) that follow the protocol as a good SDK does. Settings:
 * {@link JoinConvergenceSettings}. Every wait is bounded; a failed wait, a refused call or a
 * disagreement with the coordinator stops the run with exit code 1 and writes nothing.
 *
 * <pre>
 * mvn -B -q -pl bench -am package -DskipTests
 * java -cp bench/target/roster-benchmarks.jar io.roster.bench.JoinConvergence
 * </pre>
 */
public final class JoinConvergence {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private JoinConvergence() {
    }

    public static void main(String[] args) {
        BenchmarkExit.afterRunning("JOIN CONVERGENCE", () -> run(JoinConvergenceSettings.fromSystemProperties()));
    }

    private static void run(JoinConvergenceSettings settings) throws IOException {
        Instant started = Instant.now();
        String loadBefore = LoadAverage.now();
        System.out.printf("Join convergence: %d configuration(s), load average %s%n", settings.configurations().size(),
                loadBefore);
        List<ConfigurationResult> results = new ArrayList<>();
        Vertx clients = Vertx.vertx();
        try {
            for (int nodes : settings.configurations().stream().map(JoinConfiguration::nodes).distinct().toList()) {
                try (CoordinatorCluster cluster = CoordinatorCluster.start(nodes, JoinMeasurement.TOPIC,
                        JoinMeasurement.PARTITIONS)) {
                    for (JoinConfiguration configuration : settings.configurations()) {
                        if (configuration.nodes() == nodes) {
                            results.add(measure(cluster, configuration, clients, settings));
                        }
                    }
                }
            }
        } finally {
            ContextAwait.result(clients.close(), CLOSE_TIMEOUT, "closing the members' Vert.x");
        }
        JoinConvergenceDoc.Report report = new JoinConvergenceDoc.Report(started, Duration.between(started, Instant.now()),
                MachineDescription.current(), LaunchCommand.of(JoinConvergence.class), loadBefore, LoadAverage.now(),
                results);
        JoinConvergenceDoc.write(settings.output(), report);
        System.out.println();
        System.out.println(JoinConvergenceDoc.table(report));
        System.out.printf("Wrote %s (run took %s)%n", settings.output(), BenchmarkDoc.duration(report.took()));
    }

    private static ConfigurationResult measure(CoordinatorCluster cluster, JoinConfiguration configuration, Vertx clients,
                                               JoinConvergenceSettings settings) {
        String loadBefore = QuietMachine.await(settings.maxLoad(), settings.loadWaitSeconds());
        System.out.printf("%s: %d warm-up join(s), then %d measured; load average %s%n", configuration.name(),
                configuration.warmup(), configuration.runs(), loadBefore);
        Instant started = Instant.now();
        JoinMeasurement measurement = new JoinMeasurement(cluster, configuration, clients, settings.printTimelines());
        try {
            for (int i = 0; i < configuration.warmup(); i++) {
                measurement.run(i);
            }
            List<JoinSample> samples = new ArrayList<>();
            for (int i = 0; i < configuration.runs(); i++) {
                JoinSample sample = measurement.run(configuration.warmup() + i);
                samples.add(sample);
                if ((i + 1) % 10 == 0 || i + 1 == configuration.runs()) {
                    System.out.printf("  %d/%d measured, last %.2f ms, %d heartbeats%n", i + 1, configuration.runs(),
                            sample.millis(), sample.counts().heartbeats());
                }
            }
            return new ConfigurationResult(configuration, List.copyOf(samples), loadBefore, LoadAverage.now(),
                    Duration.between(started, Instant.now()));
        } finally {
            measurement.close();
        }
    }
}
