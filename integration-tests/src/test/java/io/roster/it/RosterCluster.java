package io.roster.it;

import io.roster.client.CommitPolicy;
import io.roster.client.RosterConsumerConfig;
import io.roster.coordinator.runtime.GroupSettings;
import io.roster.coordinator.testing.EmbeddedKafkaBroker;
import io.roster.coordinator.testing.TestHazelcast;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario's world: a real Kafka broker and coordinator nodes on one Hazelcast cluster.
 * Groups use a 6 s session timeout and a 1 s heartbeat interval so that expiry scenarios
 * stay short.
 */
public final class RosterCluster implements AutoCloseable {

    public static final long SESSION_TIMEOUT_MS = 6_000;
    public static final GroupSettings GROUPS = new GroupSettings(SESSION_TIMEOUT_MS, 30_000, 1_000, "uniform");

    private final EmbeddedKafkaBroker kafka = new EmbeddedKafkaBroker();
    private final TestHazelcast hazelcast = new TestHazelcast();
    private final List<CoordinatorInstance> nodes = new ArrayList<>();

    public static RosterCluster start(int coordinatorNodes) {
        RosterCluster cluster = new RosterCluster();
        cluster.kafka.start();
        for (int i = 0; i < coordinatorNodes; i++) {
            cluster.nodes.add(CoordinatorInstance.start(cluster.hazelcast, cluster.kafka.bootstrapServers(), GROUPS));
        }
        return cluster;
    }

    public EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    public CoordinatorInstance node(int index) {
        return nodes.get(index);
    }

    /** A consumer configuration for {@code group} on {@code topic}: every node, earliest, commits every 500 ms. */
    public RosterConsumerConfig.Builder consumerConfig(String group, String topic) {
        RosterConsumerConfig.Builder builder = RosterConsumerConfig.builder().groupId(group).topics(topic)
                .kafkaProperty("bootstrap.servers", kafka.bootstrapServers())
                .kafkaProperty("auto.offset.reset", "earliest")
                .commitPolicy(CommitPolicy.periodic(Duration.ofMillis(500)));
        nodes.forEach(node -> builder.coordinators(node.address()));
        return builder;
    }

    @Override
    public void close() {
        nodes.forEach(CoordinatorInstance::close);
        kafka.close();
    }
}
