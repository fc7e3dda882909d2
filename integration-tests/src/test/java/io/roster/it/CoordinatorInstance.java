package io.roster.it;

import com.hazelcast.core.HazelcastInstance;
import io.roster.coordinator.metadata.KafkaMetadataConfig;
import io.roster.coordinator.metadata.KafkaTopicMetadataSource;
import io.roster.coordinator.runtime.CoordinatorNode;
import io.roster.coordinator.runtime.GroupSettings;
import io.roster.coordinator.runtime.NodeSettings;
import io.roster.coordinator.testing.Await;
import io.roster.coordinator.testing.TestHazelcast;
import io.roster.offsets.OffsetStoreConfig;
import io.vertx.core.Vertx;

/**
 * One coordinator node as the service runs it: its own Vert.x, a real Hazelcast member of
 * the test's cluster, topic metadata from the real broker.
 */
public final class CoordinatorInstance implements AutoCloseable {

    private final Vertx vertx;
    private final HazelcastInstance hazelcast;
    private final KafkaTopicMetadataSource metadata;
    private final CoordinatorNode node;
    private boolean stopped;

    private CoordinatorInstance(Vertx vertx, HazelcastInstance hazelcast, KafkaTopicMetadataSource metadata,
                                CoordinatorNode node) {
        this.vertx = vertx;
        this.hazelcast = hazelcast;
        this.metadata = metadata;
        this.node = node;
    }

    /** A node with the given group timeouts; metadata refreshed every second. */
    public static CoordinatorInstance start(TestHazelcast cluster, String bootstrapServers, GroupSettings groups) {
        Vertx vertx = Vertx.vertx();
        HazelcastInstance hazelcast = cluster.member();
        KafkaTopicMetadataSource metadata = new KafkaTopicMetadataSource(vertx,
                KafkaMetadataConfig.forCluster(bootstrapServers).withRefreshIntervalMs(1_000));
        Await.result(metadata.start());
        CoordinatorNode node = Await.result(CoordinatorNode.start(vertx, hazelcast, metadata, OffsetStoreConfig.defaults(),
                new NodeSettings(groups, "127.0.0.1", 0, 1024 * 1024, 200), System::currentTimeMillis));
        return new CoordinatorInstance(vertx, hazelcast, metadata, node);
    }

    public String address() {
        return "127.0.0.1:" + node.httpPort();
    }

    public long expiredMembers() {
        return node.expiredMembers();
    }

    /** Dies as a process would: the Hazelcast member vanishes, sockets drop, nothing is handed over. */
    public void kill() {
        if (stopped) {
            return;
        }
        stopped = true;
        hazelcast.getLifecycleService().terminate();
        Await.result(vertx.close());
    }

    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        Await.result(node.stop());
        Await.result(metadata.close());
        Await.result(vertx.close());
        hazelcast.shutdown();
    }
}
