package io.roster.it;

import com.hazelcast.core.HazelcastInstance;
import io.roster.coordinator.metadata.KafkaMetadataConfig;
import io.roster.coordinator.metadata.KafkaTopicMetadataSource;
import io.roster.coordinator.offsetlog.KafkaOffsetLog;
import io.roster.coordinator.runtime.CoordinatorNode;
import io.roster.coordinator.runtime.GroupSettings;
import io.roster.coordinator.runtime.NodeSettings;
import io.roster.coordinator.testing.Await;
import io.roster.coordinator.testing.TestHazelcast;
import io.roster.offsets.DurableOffsets;
import io.roster.offsets.OffsetStoreConfig;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * One coordinator node as the service runs it: its own Vert.x, a real Hazelcast member of
 * the test's cluster, topic metadata from the real broker, and, if asked for, durable offsets
 * written to the broker's offsets topic by the node's own {@link KafkaOffsetLog} (as
 * {@code io.roster.coordinator.Main} and the coordinator tests' {@code DurableNode} wire them).
 */
public final class CoordinatorInstance implements AutoCloseable {

    private final Vertx vertx;
    private final HazelcastInstance hazelcast;
    private final KafkaTopicMetadataSource metadata;
    private final CoordinatorNode node;
    private final DurableOffsets durable;
    private boolean stopped;

    private CoordinatorInstance(Vertx vertx, HazelcastInstance hazelcast, KafkaTopicMetadataSource metadata,
                                CoordinatorNode node, DurableOffsets durable) {
        this.vertx = vertx;
        this.hazelcast = hazelcast;
        this.metadata = metadata;
        this.node = node;
        this.durable = durable;
    }

    /** A node with the given group timeouts, offsets in Hazelcast only; metadata refreshed every second. */
    public static CoordinatorInstance start(TestHazelcast cluster, String bootstrapServers, GroupSettings groups) {
        return start(cluster, bootstrapServers, groups, null);
    }

    /**
     * A node whose offsets are also written to the log of {@code durable} (one instance per node; null: in
     * Hazelcast only). It serves offsets once the cluster has loaded the log ({@link #offsetsLoaded()}).
     */
    public static CoordinatorInstance start(TestHazelcast cluster, String bootstrapServers, GroupSettings groups,
                                            DurableOffsets durable) {
        Vertx vertx = Vertx.vertx();
        HazelcastInstance hazelcast = durable == null ? cluster.member() : cluster.member(durable::install);
        KafkaTopicMetadataSource metadata = new KafkaTopicMetadataSource(vertx,
                KafkaMetadataConfig.forCluster(bootstrapServers).withRefreshIntervalMs(1_000));
        Await.result(metadata.start());
        CoordinatorNode node = Await.result(CoordinatorNode.start(vertx, hazelcast, metadata, OffsetStoreConfig.defaults(),
                new NodeSettings(groups, "127.0.0.1", 0, 1024 * 1024, 200), System::currentTimeMillis));
        return new CoordinatorInstance(vertx, hazelcast, metadata, node, durable);
    }

    public String address() {
        return "127.0.0.1:" + node.httpPort();
    }

    public long expiredMembers() {
        return node.expiredMembers();
    }

    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** Whether it serves committed offsets: always without durable offsets, else once the log is loaded. */
    public boolean offsetsLoaded() {
        return node.offsetsLoaded();
    }

    /**
     * Dies as a process would: the Hazelcast member vanishes, sockets drop, nothing is handed over; with
     * durable offsets, the log writes under way are dropped unacknowledged.
     */
    public void kill() {
        if (stopped) {
            return;
        }
        stopped = true;
        hazelcast.getLifecycleService().terminate();
        if (durable != null) {
            if (durable.log() instanceof KafkaOffsetLog log) {
                log.close(Duration.ZERO);
            }
            durable.close(Duration.ZERO);
        }
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
        // Only once the member left: until its partitions had moved, it still wrote their offsets.
        if (durable != null) {
            durable.close();
        }
    }
}
