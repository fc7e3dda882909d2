package io.roster.coordinator.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.awaitility.Awaitility;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) inside the test JVM, on
 * free loopback ports, with its logs in a temporary directory deleted by {@link #close()}.
 * Start one per test class: it takes 2-3 s.
 *
 * <pre>{@code
 * static final EmbeddedKafkaBroker KAFKA = new EmbeddedKafkaBroker().rack("rack-a");
 * @BeforeAll static void startKafka() { KAFKA.start(); }
 * @AfterAll static void stopKafka() { KAFKA.close(); }
 * }</pre>
 *
 * <p>Blocking by design (test threads only): never call it from a Vert.x event loop.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private String rack;
    private final Map<String, String> extraProperties = new LinkedHashMap<>();
    private Path workDir;
    private int brokerPort;
    private int controllerPort;
    private Properties properties;
    private KafkaRaftServer server;
    private Admin admin;

    /** Sets {@code broker.rack}, so that topic metadata carries racks. Call before {@link #start()}. */
    public EmbeddedKafkaBroker rack(String rack) {
        this.rack = rack;
        return this;
    }

    /**
     * Sets a broker property the fixture does not set (e.g. a group coordinator bound), or
     * replaces one of its own; applied after them. Call before {@link #start()}.
     */
    public EmbeddedKafkaBroker property(String key, String value) {
        extraProperties.put(key, value);
        return this;
    }

    /** Formats a fresh log directory and starts the broker; returns once it serves requests. */
    public EmbeddedKafkaBroker start() {
        if (server != null) {
            throw new IllegalStateException("the broker is already running at " + bootstrapServers());
        }
        try {
            workDir = Files.createTempDirectory("roster-kafka-");
            brokerPort = freePort();
            controllerPort = freePort();
            properties = brokerProperties();
            format();
            startServer();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops the broker but keeps its ports and logs, so that {@link #restart()} brings the
     * same cluster back: what a client sees of a broker outage.
     */
    public void stop() {
        closeAdmin();
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the broker stopped by {@link #stop()}, on the same ports and logs. */
    public EmbeddedKafkaBroker restart() {
        if (properties == null) {
            throw new IllegalStateException("the broker was never started");
        }
        if (server == null) {
            startServer();
        }
        return this;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** An admin client of this broker, owned by the fixture (do not close it). */
    public Admin admin() {
        if (admin == null) {
            throw new IllegalStateException("the broker is not running");
        }
        return admin;
    }

    /** Creates a topic (replication factor 1) and waits until every partition has a leader. */
    public void createTopic(String name, int partitions) {
        get(admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all());
        awaitLeaders(name, partitions);
    }

    /** Grows the topic to {@code totalPartitions} and waits until the new ones have a leader. */
    public void addPartitions(String name, int totalPartitions) {
        get(admin().createPartitions(Map.of(name, NewPartitions.increaseTo(totalPartitions))).all());
        awaitLeaders(name, totalPartitions);
    }

    /** Writes {@code count} records with keys {@code key-0..} to one partition and waits for the acks. */
    public void produce(String topic, int partition, int count) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                acks.add(producer.send(new ProducerRecord<>(topic, partition, "key-" + i, "value-" + i)));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("producing to " + topic + "-" + partition + " failed: " + e, e);
        }
    }

    /** Stops the broker and deletes its logs. */
    @Override
    public void close() {
        stop();
        if (workDir != null) {
            deleteRecursively(workDir);
            workDir = null;
        }
    }

    private Properties brokerProperties() {
        // A subdirectory: the formatter wants the log dir to itself, server.properties sits beside it.
        Properties props = singleNodeProperties(workDir.resolve("data"), brokerPort, controllerPort);
        props.put("offsets.topic.num.partitions", "1");
        if (rack != null) {
            props.put("broker.rack", rack);
        }
        props.putAll(extraProperties);
        return props;
    }

    /**
     * The properties of a single-node KRaft broker (broker and controller in one) on loopback: every internal
     * topic with one replica, no initial rebalance delay, and no topic created by a typo (whoever uses it
     * creates what it uses). Also what the benchmarks' broker process runs with.
     */
    public static Properties singleNodeProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.put("log.dirs", logDir.toString());
        // One node: every internal topic must fit on it.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        return props;
    }

    private void format() throws IOException {
        Path config = workDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            properties.store(out, "EmbeddedKafkaBroker");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exit = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                    "-c", config.toString(), "--standalone"}, print);
        }
        if (exit != 0) {
            throw new IllegalStateException("formatting the Kafka log dir failed (" + exit + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void startServer() {
        server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        server.startup();
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        admin = Admin.create(config);
        // Kafka's admin client retries until the broker answers or the bounded timeout ends.
        get(admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) READY_TIMEOUT.toMillis())).nodes());
    }

    private void awaitLeaders(String topic, int partitions) {
        Awaitility.await("leaders of all " + partitions + " partitions of " + topic)
                .atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(50))
                // Right after a create, a loaded broker may not know the topic yet: not ready, not an error.
                .ignoreExceptionsMatching(e -> e.getCause() instanceof UnknownTopicOrPartitionException)
                .until(() -> {
                    TopicDescription description = get(admin().describeTopics(List.of(topic)).allTopicNames()).get(topic);
                    return description.partitions().size() == partitions
                            && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                });
    }

    private void closeAdmin() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + CALL_TIMEOUT, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
