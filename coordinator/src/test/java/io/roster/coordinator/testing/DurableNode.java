package io.roster.coordinator.testing;

import com.hazelcast.core.HazelcastInstance;
import io.roster.coordinator.metadata.TopicMetadataSource;
import io.roster.coordinator.offsetlog.KafkaOffsetLog;
import io.roster.coordinator.offsetlog.KafkaOffsetLogConfig;
import io.roster.coordinator.runtime.CoordinatorNode;
import io.roster.coordinator.runtime.GroupSettings;
import io.roster.coordinator.runtime.NodeSettings;
import io.roster.offsets.DurableOffsets;
import io.roster.offsets.DurableOffsetsConfig;
import io.roster.offsets.OffsetStoreConfig;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * A coordinator node as the service runs it, with durable offsets: its own Vert.x, a Hazelcast member of
 * the test's cluster, and its own {@link KafkaOffsetLog} on a real broker. Topics come from the given source.
 */
public final class DurableNode implements AutoCloseable {

    /** Session 10 s, rebalance timeout 30 s, heartbeat interval 1 s, uniform. */
    public static final NodeSettings SETTINGS = new NodeSettings(new GroupSettings(10_000, 30_000, 1_000, "uniform"),
            "127.0.0.1", 0, 1024 * 1024, 250);

    private final Vertx vertx;
    private final HazelcastInstance hazelcast;
    private final KafkaOffsetLog log;
    private final DurableOffsets durable;
    private final CoordinatorNode node;
    private boolean stopped;

    private DurableNode(Vertx vertx, HazelcastInstance hazelcast, KafkaOffsetLog log, DurableOffsets durable,
                        CoordinatorNode node) {
        this.vertx = vertx;
        this.hazelcast = hazelcast;
        this.log = log;
        this.durable = durable;
        this.node = node;
    }

    public static DurableNode start(TestHazelcast cluster, TopicMetadataSource topics, KafkaOffsetLogConfig logConfig,
                                    DurableOffsetsConfig durability) {
        KafkaOffsetLog log = new KafkaOffsetLog(logConfig);
        DurableOffsets durable = new DurableOffsets(log, durability);
        HazelcastInstance hazelcast = cluster.member(durable::install);
        Vertx vertx = Vertx.vertx();
        CoordinatorNode node = Await.result(CoordinatorNode.start(vertx, hazelcast, topics, OffsetStoreConfig.defaults(),
                SETTINGS, System::currentTimeMillis));
        return new DurableNode(vertx, hazelcast, log, durable, node);
    }

    public int httpPort() {
        return node.httpPort();
    }

    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    public DurableOffsets durableOffsets() {
        return durable;
    }

    /**
     * Dies as a process would: the Hazelcast member vanishes without handing anything over, the log's
     * unsent writes and the asynchronous writer's waiting records are dropped, sockets close.
     */
    public void kill() {
        if (stopped) {
            return;
        }
        stopped = true;
        hazelcast.getLifecycleService().terminate();
        log.close(Duration.ZERO);
        durable.close(Duration.ZERO);
        Await.result(vertx.close());
    }

    /** Stops as the service does on SIGTERM. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        Await.result(node.stop());
        Await.result(vertx.close());
        hazelcast.shutdown();
        durable.close();
    }
}
