package io.roster.coordinator;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.roster.coordinator.config.ConfigLoader;
import io.roster.coordinator.config.CoordinatorConfig;
import io.roster.coordinator.config.HazelcastMemberConfig;
import io.roster.coordinator.metadata.KafkaTopicMetadataSource;
import io.roster.coordinator.offsetlog.KafkaOffsetLog;
import io.roster.coordinator.runtime.CoordinatorNode;
import io.roster.coordinator.runtime.GroupSettings;
import io.roster.coordinator.runtime.NodeSettings;
import io.roster.offsets.DurableOffsets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one coordinator node: {@code java -jar roster-coordinator.jar [config.properties]}
 * (or the file named by ROSTER_CONFIG_FILE; ROSTER_* variables override it; see
 * docs/configuration.md). Stops cleanly on SIGTERM, leaving the Hazelcast cluster
 * gracefully so that its partitions move to the other nodes first.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final long STOP_TIMEOUT_S = 10;
    private static final long METADATA_CLOSE_TIMEOUT_S = 3;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        ConfigLoader.Resolved resolved;
        try {
            Optional<Path> file = args.length > 0 ? Optional.of(Path.of(args[0])) : ConfigLoader.configFile(System.getenv());
            resolved = ConfigLoader.resolve(file, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        CoordinatorConfig config = resolved.config();
        LOG.info("configuration: {}", resolved.describe());

        // Every committed offset also goes to a compacted Kafka topic, from which a cold-started cluster reloads.
        DurableOffsets durable = new DurableOffsets(new KafkaOffsetLog(config.kafkaOffsetLogConfig()),
                config.durableOffsetsConfig());
        HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(durable.install(HazelcastMemberConfig.build(config)));
        Vertx vertx = Vertx.vertx();
        KafkaTopicMetadataSource metadata = new KafkaTopicMetadataSource(vertx, config.kafkaMetadataConfig());
        NodeSettings settings = new NodeSettings(new GroupSettings(config.sessionTimeoutMs(), config.rebalanceTimeoutMs(),
                config.heartbeatIntervalMs(), config.groupAssignor()), config.httpHost(), config.httpPort(),
                config.httpMaxBodyBytes(), config.expiryCheckIntervalMs());

        CoordinatorNode node;
        try {
            // An unreachable Kafka cluster does not stop the node: the source keeps retrying,
            // and requests that need topics answer 503 until it is back.
            metadata.start().onFailure(e -> LOG.warn("[metadata] Kafka at {} is not reachable yet: {}",
                    config.kafkaBootstrapServers(), e.getMessage()));
            node = CoordinatorNode.start(vertx, hazelcast, metadata, config.offsetStoreConfig(), settings,
                    System::currentTimeMillis).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.error("the coordinator could not start", e);
            stop(null, metadata, vertx, hazelcast, durable);
            System.exit(1);
            return;
        }
        LOG.info("coordinator started: HTTP on {}:{}, Hazelcast member {} in cluster '{}'", config.httpHost(),
                node.httpPort(), hazelcast.getCluster().getLocalMember().getAddress(), config.hazelcastClusterName());
        node.startRetention(Duration.ofMillis(config.offsetsRetentionCheckIntervalMs()));
        CoordinatorNode started = node;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started, metadata, vertx, hazelcast, durable),
                "roster-stop"));
    }

    private static void stop(CoordinatorNode node, KafkaTopicMetadataSource metadata, Vertx vertx,
                             HazelcastInstance hazelcast, DurableOffsets durable) {
        LOG.info("stopping the coordinator");
        CountDownLatch stopped = new CountDownLatch(1);
        Future<Void> http = node == null ? Future.succeededFuture() : node.stop();
        // The Kafka admin client's close was seen to hang while Kafka is unreachable: bounded.
        http.eventually(() -> metadata.close().timeout(METADATA_CLOSE_TIMEOUT_S, TimeUnit.SECONDS))
                .eventually(() -> vertx.close()).onComplete(done -> stopped.countDown());
        try {
            if (!stopped.await(STOP_TIMEOUT_S, TimeUnit.SECONDS)) {
                LOG.warn("Vert.x did not stop within {} s", STOP_TIMEOUT_S);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Graceful: the member hands its partitions over before it leaves the cluster.
        hazelcast.shutdown();
        // Only now: until its partitions had moved, the member still wrote their offsets to the log.
        durable.close();
        LOG.info("coordinator stopped");
    }
}
