package io.roster.bench;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.roster.coordinator.config.ConfigLoader;
import io.roster.coordinator.config.CoordinatorConfig;
import io.roster.coordinator.config.HazelcastMemberConfig;
import io.roster.coordinator.metadata.KafkaTopicMetadataSource;
import io.roster.coordinator.metadata.StaticTopicMetadataSource;
import io.roster.coordinator.metadata.TopicMetadataSource;
import io.roster.coordinator.runtime.CoordinatorNode;
import io.roster.coordinator.runtime.GroupSettings;
import io.roster.coordinator.runtime.NodeSettings;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Coordinator nodes in this JVM, each on its own Hazelcast member and its own Vert.x
 * instance, as separate processes would be: one Hazelcast cluster with a name of its own,
 * on loopback only. A node's configuration comes from the service's own loader and
 * Hazelcast config builder, with the settings of {@link #settings()}; its topics come from
 * a {@link StaticTopicMetadataSource} (no Kafka), or from a Kafka cluster ({@link #startOnKafka}).
 */
final class CoordinatorCluster implements AutoCloseable {

    /** Where the bench's Hazelcast members start looking for a port: clear of the service (5701) and the tests (5801). */
    private static final int HAZELCAST_BASE_PORT = 5901;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<Vertx> vertxes = new ArrayList<>();
    private final List<CoordinatorNode> nodes = new ArrayList<>();
    private final List<TopicMetadataSource> metadataSources = new ArrayList<>();

    private CoordinatorCluster() {
    }

    /** The coordinator settings of every node (see {@link CoordinatorConfig#DEFAULTS} for the keys). */
    static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(CoordinatorConfig.SESSION_TIMEOUT_MS, "10000");
        settings.put(CoordinatorConfig.REBALANCE_TIMEOUT_MS, "30000");
        settings.put(CoordinatorConfig.HEARTBEAT_INTERVAL_MS, "3000");
        settings.put(CoordinatorConfig.GROUP_ASSIGNOR, "uniform");
        settings.put(CoordinatorConfig.HTTP_HOST, JsonExchange.LOOPBACK);
        settings.put(CoordinatorConfig.HTTP_PORT, "0");
        settings.put(CoordinatorConfig.HAZELCAST_HOST, JsonExchange.LOOPBACK);
        settings.put(CoordinatorConfig.HAZELCAST_PORT, Integer.toString(HAZELCAST_BASE_PORT));
        return settings;
    }

    /** Starts {@code size} nodes whose topic {@code topic} has {@code partitions} partitions; returns once the cluster is safe. */
    static CoordinatorCluster start(int size, String topic, int partitions) {
        return start(size, Map.of(), (vertx, config) -> new StaticTopicMetadataSource().setTopic(topic, partitions));
    }

    /**
     * Starts one node that reads its topics from the Kafka cluster at {@code bootstrapServers}
     * ({@code kafka.bootstrap.servers}), as the service does; returns once it serves.
     */
    static CoordinatorCluster startOnKafka(String bootstrapServers) {
        return start(1, Map.of(CoordinatorConfig.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers),
                (vertx, config) -> new KafkaTopicMetadataSource(vertx, config.kafkaMetadataConfig()));
    }

    private static CoordinatorCluster start(int size, Map<String, String> extraSettings,
                                            BiFunction<Vertx, CoordinatorConfig, TopicMetadataSource> metadata) {
        CoordinatorCluster cluster = new CoordinatorCluster();
        try {
            String clusterName = "roster-bench-" + UUID.randomUUID();
            List<String> joinAddresses = new ArrayList<>(List.of(JsonExchange.LOOPBACK));
            for (int i = 0; i < size; i++) {
                CoordinatorConfig config = ConfigLoader.load(Optional.empty(),
                        environment(clusterName, joinAddresses, extraSettings));
                HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(HazelcastMemberConfig.build(config));
                cluster.members.add(hazelcast);
                // TCP-IP join without a port tries three ports only: name the members that exist.
                joinAddresses.add(JsonExchange.LOOPBACK + ":" + hazelcast.getCluster().getLocalMember().getAddress().getPort());
                Vertx vertx = Vertx.vertx();
                cluster.vertxes.add(vertx);
                TopicMetadataSource topics = metadata.apply(vertx, config);
                cluster.metadataSources.add(topics);
                ContextAwait.result(topics.start(), START_TIMEOUT, "starting the topic metadata of node " + i);
                cluster.nodes.add(ContextAwait.result(CoordinatorNode.start(vertx, hazelcast, topics,
                        config.offsetStoreConfig(), nodeSettings(config), System::currentTimeMillis),
                        START_TIMEOUT, "starting coordinator node " + i));
            }
            cluster.awaitSafe();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    int httpPort(int node) {
        return nodes.get(node).httpPort();
    }

    /** Stops every node and ends its Hazelcast member at once: the state is throw-away. */
    @Override
    public void close() {
        try {
            for (CoordinatorNode node : nodes) {
                ContextAwait.result(node.stop(), START_TIMEOUT, "stopping a coordinator node");
            }
            for (TopicMetadataSource topics : metadataSources) {
                ContextAwait.result(topics.close(), START_TIMEOUT, "closing a node's topic metadata");
            }
            for (Vertx vertx : vertxes) {
                ContextAwait.result(vertx.close(), START_TIMEOUT, "closing a node's Vert.x");
            }
        } finally {
            members.forEach(member -> member.getLifecycleService().terminate());
            nodes.clear();
            metadataSources.clear();
            vertxes.clear();
            members.clear();
        }
    }

    private static Map<String, String> environment(String clusterName, List<String> joinAddresses,
                                                   Map<String, String> extraSettings) {
        Map<String, String> environment = new LinkedHashMap<>();
        settings().forEach((key, value) -> environment.put(ConfigLoader.environmentVariable(key), value));
        extraSettings.forEach((key, value) -> environment.put(ConfigLoader.environmentVariable(key), value));
        environment.put(ConfigLoader.environmentVariable(CoordinatorConfig.HAZELCAST_CLUSTER_NAME), clusterName);
        environment.put(ConfigLoader.environmentVariable(CoordinatorConfig.HAZELCAST_MEMBERS),
                String.join(",", joinAddresses));
        return environment;
    }

    /** As the service's launcher builds them. */
    private static NodeSettings nodeSettings(CoordinatorConfig config) {
        return new NodeSettings(new GroupSettings(config.sessionTimeoutMs(), config.rebalanceTimeoutMs(),
                config.heartbeatIntervalMs(), config.groupAssignor()), config.httpHost(), config.httpPort(),
                config.httpMaxBodyBytes(), config.expiryCheckIntervalMs());
    }

    /** Every member sees the whole cluster and no partition is migrating. */
    private void awaitSafe() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!members.stream().allMatch(member -> member.getCluster().getMembers().size() == members.size()
                && member.getPartitionService().isClusterSafe())) {
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailure("the Hazelcast cluster of " + members.size() + " members did not form within "
                        + START_TIMEOUT.toSeconds() + " s");
            }
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted while waiting for the Hazelcast cluster", e);
        }
    }
}
