package io.roster.demo;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.roster.coordinator.config.CoordinatorConfig;
import io.roster.coordinator.config.HazelcastMemberConfig;
import io.roster.coordinator.metadata.KafkaTopicMetadataSource;
import io.roster.coordinator.runtime.CoordinatorNode;
import io.roster.coordinator.runtime.GroupSettings;
import io.roster.coordinator.runtime.NodeSettings;
import io.roster.coordinator.testing.EmbeddedKafkaBroker;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The demo's infrastructure in this JVM: a real single-node Kafka broker (KRaft) on a free
 * loopback port, and one coordinator node as {@code roster-coordinator.jar} runs it: its
 * configuration from the documented keys, an embedded Hazelcast member on loopback (a cluster
 * of its own, so it never joins another), HTTP on 127.0.0.1, topic metadata from the broker.
 */
final class DemoCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final EmbeddedKafkaBroker kafka = new EmbeddedKafkaBroker();
    private HazelcastInstance hazelcast;
    private Vertx vertx;
    private KafkaTopicMetadataSource metadata;
    private CoordinatorNode node;
    private CoordinatorConfig config;

    /** Starts the broker, creates the topic, then starts the coordinator with these group timeouts. */
    static DemoCluster start(String topic, int partitions, long sessionTimeoutMs, long heartbeatIntervalMs) {
        DemoCluster cluster = new DemoCluster();
        try {
            cluster.kafka.start();
            cluster.kafka.createTopic(topic, partitions);
            cluster.startCoordinator(sessionTimeoutMs, heartbeatIntervalMs);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String coordinatorAddress() {
        return config.httpHost() + ":" + node.httpPort();
    }

    String hazelcastAddress() {
        return hazelcast.getCluster().getLocalMember().getAddress().toString();
    }

    private void startCoordinator(long sessionTimeoutMs, long heartbeatIntervalMs) {
        config = CoordinatorConfig.fromStrings(Map.of(
                CoordinatorConfig.HTTP_PORT, "0",
                CoordinatorConfig.HAZELCAST_CLUSTER_NAME, "roster-demo-" + UUID.randomUUID(),
                CoordinatorConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                CoordinatorConfig.SESSION_TIMEOUT_MS, Long.toString(sessionTimeoutMs),
                CoordinatorConfig.HEARTBEAT_INTERVAL_MS, Long.toString(heartbeatIntervalMs)));
        hazelcast = Hazelcast.newHazelcastInstance(HazelcastMemberConfig.build(config));
        vertx = Vertx.vertx();
        metadata = new KafkaTopicMetadataSource(vertx, config.kafkaMetadataConfig());
        Waits.result("the topic metadata", metadata.start(), START_TIMEOUT);
        NodeSettings settings = new NodeSettings(new GroupSettings(config.sessionTimeoutMs(),
                config.rebalanceTimeoutMs(), config.heartbeatIntervalMs(), config.groupAssignor()), config.httpHost(),
                config.httpPort(), config.httpMaxBodyBytes(), config.expiryCheckIntervalMs());
        node = Waits.result("the coordinator", CoordinatorNode.start(vertx, hazelcast, metadata,
                config.offsetStoreConfig(), settings, System::currentTimeMillis), START_TIMEOUT);
    }

    /** Stops the coordinator (HTTP, then Hazelcast) and the broker; each step bounded. */
    @Override
    public void close() {
        if (node != null) {
            Waits.quietly("stopping the coordinator", node.stop(), STOP_TIMEOUT);
        }
        if (metadata != null) {
            Waits.quietly("closing the metadata source", metadata.close(), STOP_TIMEOUT);
        }
        if (vertx != null) {
            Waits.quietly("closing the coordinator's Vert.x", vertx.close(), STOP_TIMEOUT);
        }
        if (hazelcast != null) {
            hazelcast.shutdown();
        }
        kafka.close();
    }
}
