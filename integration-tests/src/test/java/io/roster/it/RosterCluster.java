package io.roster.it;

import io.roster.client.CommitPolicy;
import io.roster.client.RosterConsumerConfig;
import io.roster.coordinator.runtime.GroupSettings;
import io.roster.coordinator.testing.EmbeddedKafkaBroker;
import io.roster.coordinator.testing.TestHazelcast;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A scenario's world: a real Kafka broker and coordinator nodes on one Hazelcast cluster,
 * started before the test class and stopped after it:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RosterCluster cluster = RosterCluster.withNodes(1).topic("orders", 12);
 * }</pre>
 *
 * Groups use a 6 s session timeout and a 1 s heartbeat interval so that expiry scenarios
 * stay short.
 */
public final class RosterCluster implements BeforeAllCallback, AfterAllCallback {

    public static final long SESSION_TIMEOUT_MS = 6_000;
    public static final GroupSettings GROUPS = new GroupSettings(SESSION_TIMEOUT_MS, 30_000, 1_000, "uniform");

    private final EmbeddedKafkaBroker kafka = new EmbeddedKafkaBroker();
    private final TestHazelcast hazelcast = new TestHazelcast();
    private final List<CoordinatorInstance> nodes = new ArrayList<>();
    private final Map<String, Integer> topics = new LinkedHashMap<>();
    private final int nodeCount;

    private RosterCluster(int nodeCount) {
        this.nodeCount = nodeCount;
    }

    public static RosterCluster withNodes(int coordinatorNodes) {
        return new RosterCluster(coordinatorNodes);
    }

    /** A topic created once the broker runs. */
    public RosterCluster topic(String name, int partitions) {
        topics.put(name, partitions);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka.start();
        topics.forEach(kafka::createTopic);
        for (int i = 0; i < nodeCount; i++) {
            nodes.add(CoordinatorInstance.start(hazelcast, kafka.bootstrapServers(), GROUPS));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        nodes.forEach(CoordinatorInstance::close);
        kafka.close();
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
}
