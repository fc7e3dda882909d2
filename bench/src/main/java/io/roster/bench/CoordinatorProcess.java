package io.roster.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One coordinator node as an operator runs it: {@code java -jar coordinator/target/roster-coordinator.jar},
 * configured by {@code ROSTER_*} variables only (docs/configuration.md; every variable of the bench's own
 * environment with that prefix is dropped), on loopback, a Hazelcast cluster of its own, against the given Kafka.
 * Everything not set here keeps its documented default.
 */
final class CoordinatorProcess implements AutoCloseable {

    static final Path JAR = Path.of("coordinator", "target", "roster-coordinator.jar");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final ChildProcess process;
    private final int httpPort;
    private final Map<String, String> environment;

    private CoordinatorProcess(ChildProcess process, int httpPort, Map<String, String> environment) {
        this.process = process;
        this.httpPort = httpPort;
        this.environment = environment;
    }

    /** Starts the node and returns once {@code /health} and {@code /ready} answer 200. */
    static CoordinatorProcess start(String durability, String kafkaBootstrapServers, List<String> jvmArgs, Path logDir) {
        if (!Files.isRegularFile(JAR)) {
            throw new BenchmarkFailure(JAR + " is missing: build first (" + LaunchCommand.BUILD + "), from the"
                    + " repository root");
        }
        int httpPort = KafkaBrokerProcess.freePort();
        int hazelcastPort = KafkaBrokerProcess.freePort();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("ROSTER_HTTP_HOST", "127.0.0.1");
        environment.put("ROSTER_HTTP_PORT", Integer.toString(httpPort));
        environment.put("ROSTER_HAZELCAST_HOST", "127.0.0.1");
        environment.put("ROSTER_HAZELCAST_PORT", Integer.toString(hazelcastPort));
        environment.put("ROSTER_HAZELCAST_MEMBERS", "127.0.0.1:" + hazelcastPort);
        environment.put("ROSTER_HAZELCAST_CLUSTER_NAME", "roster-capacity-" + UUID.randomUUID());
        environment.put("ROSTER_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        environment.put("ROSTER_OFFSETS_DURABILITY", durability);
        // A log topic per node: a node started after another must not begin by reloading the other's offsets.
        environment.put("ROSTER_OFFSETS_TOPIC", "__roster_offsets_capacity_" + durability);
        List<String> arguments = new ArrayList<>(jvmArgs);
        arguments.addAll(List.of("-jar", JAR.toString()));
        ChildProcess process = ChildProcess.startJava("the coordinator (" + durability + ")", arguments, environment,
                "ROSTER_", logDir.resolve("coordinator-" + durability + ".log"));
        CoordinatorProcess coordinator = new CoordinatorProcess(process, httpPort, environment);
        try {
            coordinator.awaitReady();
        } catch (RuntimeException e) {
            coordinator.close();
            throw e;
        }
        return coordinator;
    }

    int httpPort() {
        return httpPort;
    }

    long pid() {
        return process.pid();
    }

    /** The {@code ROSTER_*} variables it was started with, for the report. */
    Map<String, String> environment() {
        return environment;
    }

    boolean alive() {
        return process.alive();
    }

    String logTail(int lines) {
        return process.log() + " ends with:\n" + process.logTail(lines);
    }

    /** SIGTERM: the node leaves its cluster gracefully (see {@link ChildProcess#close()}). */
    @Override
    public void close() {
        process.close();
    }

    /** Polls the two endpoints from this (the main) thread with the JDK's client: no Vert.x context involved. */
    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (String path : List.of("/health", "/ready")) {
            while (true) {
                if (!process.alive()) {
                    throw new BenchmarkFailure("the coordinator ended while starting; " + logTail(30));
                }
                if (answers200(http, path)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new BenchmarkFailure("the coordinator's " + path + " did not answer 200 within "
                            + READY_TIMEOUT.toSeconds() + " s; " + logTail(30));
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BenchmarkFailure("interrupted while waiting for the coordinator", e);
                }
            }
        }
    }

    private boolean answers200(HttpClient http, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted while waiting for the coordinator", e);
        }
    }
}
