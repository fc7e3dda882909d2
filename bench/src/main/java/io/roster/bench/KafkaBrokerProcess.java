package io.roster.bench;

import io.roster.coordinator.testing.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one) as a process of its own:
 * {@code kafka.Kafka server.properties} on this JVM's class path (the bench's test class path, which has
 * {@code kafka_2.13}), on free loopback ports, its log directory under {@code workDir}. Its settings are Kafka's
 * defaults but for what one node needs: replication factor 1 for every internal topic.
 */
final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final ChildProcess process;
    private final int port;
    private final Admin admin;

    private KafkaBrokerProcess(ChildProcess process, int port, Admin admin) {
        this.process = process;
        this.port = port;
        this.admin = admin;
    }

    /** Formats a fresh log directory, starts the broker and returns once it answers. */
    static KafkaBrokerProcess start(Path workDir, Path logDir, List<String> jvmArgs) {
        try {
            int port = freePort();
            int controllerPort = freePort();
            Path config = workDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                // __consumer_offsets keeps Kafka's default 50 partitions, as a real broker has.
                EmbeddedKafkaBroker.singleNodeProperties(workDir.resolve("kafka-data"), port, controllerPort)
                        .store(out, "CapacityBench broker");
            }
            format(config, logDir);
            List<String> arguments = new ArrayList<>(jvmArgs);
            // The broker logs through the bench's slf4j-simple: warnings only, as a production broker's log is not
            // what is measured here.
            arguments.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-Dorg.slf4j.simpleLogger.log.state.change.logger=off",
                    "-cp", System.getProperty("java.class.path"), "kafka.Kafka", config.toString()));
            ChildProcess process = ChildProcess.startJava("the Kafka broker", arguments, Map.of(), "KAFKA_",
                    logDir.resolve("broker.log"));
            Properties client = new Properties();
            client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
            Admin admin = Admin.create(client);
            KafkaBrokerProcess broker = new KafkaBrokerProcess(process, port, admin);
            try {
                broker.awaitReady();
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the Kafka broker in " + workDir, e);
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** Creates a topic (replication factor 1) and waits until every partition has a leader. */
    void createTopic(String name, int partitions) {
        get(admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all(), "creating topic " + name);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            TopicDescription description = get(admin.describeTopics(List.of(name)).allTopicNames(), "describing " + name)
                    .get(name);
            if (description.partitions().size() == partitions
                    && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailure("the partitions of " + name + " had no leader within " + READY_TIMEOUT);
            }
            pause();
        }
    }

    /** SIGTERM, then at most a bounded wait (see {@link ChildProcess#close()}). */
    @Override
    public void close() {
        try {
            admin.close(Duration.ofSeconds(5));
        } finally {
            process.close();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!process.alive()) {
                throw new BenchmarkFailure("the Kafka broker ended while starting; " + process.log() + " ends with:\n"
                        + process.logTail(30));
            }
            try {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new BenchmarkFailure("the Kafka broker did not answer within " + READY_TIMEOUT.toSeconds()
                            + " s; " + process.log() + " ends with:\n" + process.logTail(30), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkFailure("interrupted while waiting for the Kafka broker", e);
            }
        }
    }

    /** {@code kafka.tools.StorageTool format}, as Kafka's own {@code kafka-storage.sh} runs it: a process too. */
    private static void format(Path config, Path logDir) {
        Path log = logDir.resolve("broker-format.log");
        ChildProcess format = ChildProcess.startJava("formatting the Kafka log directory", List.of("-cp",
                System.getProperty("java.class.path"), "kafka.tools.StorageTool", "format", "--standalone", "-c",
                config.toString(), "-t", Uuid.randomUuid().toString()), Map.of(), "KAFKA_", log);
        int exit = format.awaitExit(READY_TIMEOUT);
        if (exit != 0) {
            throw new BenchmarkFailure("formatting the Kafka log directory failed (" + exit + "); " + log
                    + " ends with:\n" + format.logTail(20));
        }
    }

    private static <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure(what + ": interrupted", e);
        } catch (ExecutionException e) {
            throw new BenchmarkFailure(what + ": Kafka refused: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new BenchmarkFailure(what + ": no answer within " + CALL_TIMEOUT.toSeconds() + " s", e);
        }
    }

    /** Between two looks at the topic's leaders: there is nothing to wait on but the next look. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted while waiting for topic leaders", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
