package io.roster.it;

import io.roster.client.CommitPolicy;
import io.roster.client.RosterConsumerConfig;
import io.roster.coordinator.offsetlog.KafkaOffsetLog;
import io.roster.coordinator.offsetlog.KafkaOffsetLogConfig;
import io.roster.coordinator.runtime.GroupSettings;
import io.roster.coordinator.testing.EmbeddedKafkaBroker;
import io.roster.coordinator.testing.TestHazelcast;
import io.roster.offsets.DurabilityMode;
import io.roster.offsets.DurableOffsets;
import io.roster.offsets.DurableOffsetsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
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
 * stay short. Offsets live in Hazelcast only, unless {@link #durable(DurabilityMode)} asks for
 * the durable offset log (the service's default) on the test's broker.
 */
public final class RosterCluster implements BeforeAllCallback, AfterAllCallback {

    public static final long SESSION_TIMEOUT_MS = 6_000;
    public static final GroupSettings GROUPS = new GroupSettings(SESSION_TIMEOUT_MS, 30_000, 1_000, "uniform");

    private final EmbeddedKafkaBroker kafka = new EmbeddedKafkaBroker();
    private final TestHazelcast hazelcast = new TestHazelcast();
    private final List<CoordinatorInstance> nodes = new ArrayList<>();
    private final Map<String, Integer> topics = new LinkedHashMap<>();
    private final int nodeCount;
    private DurableOffsetsConfig durability;

    private RosterCluster(int nodeCount) {
        this.nodeCount = nodeCount;
    }

    public static RosterCluster withNodes(int coordinatorNodes) {
        return new RosterCluster(coordinatorNodes);
    }

    /**
     * Every node writes committed offsets to the compacted topic {@code __roster_offsets} on the test's
     * broker, in {@code mode}; the cluster starts once the nodes serve offsets (the log is loaded).
     */
    public RosterCluster durable(DurabilityMode mode) {
        durability = DurableOffsetsConfig.of(mode);
        return this;
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
            DurableOffsets durable = durability == null ? null
                    : new DurableOffsets(new KafkaOffsetLog(offsetLog()), durability);
            nodes.add(CoordinatorInstance.start(hazelcast, kafka.bootstrapServers(), GROUPS, durable));
        }
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> nodes.stream().allMatch(CoordinatorInstance::offsetsLoaded));
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

    /** Where the nodes' durable offset log is (with {@link #durable}): the default topic on the test's broker. */
    public KafkaOffsetLogConfig offsetLog() {
        return KafkaOffsetLogConfig.forCluster(kafka.bootstrapServers());
    }

    /** A consumer configuration for {@code group} on {@code topic}: every node, earliest, commits every 500 ms. */
    public RosterConsumerConfig.Builder consumerConfig(String group, String topic) {
        return consumerConfig(group, topic, 0);
    }

    /** As {@link #consumerConfig(String, String)}, the node list starting at node {@code first} (and failing over in order). */
    public RosterConsumerConfig.Builder consumerConfig(String group, String topic, int first) {
        RosterConsumerConfig.Builder builder = RosterConsumerConfig.builder().groupId(group).topics(topic)
                .kafkaProperty("bootstrap.servers", kafka.bootstrapServers())
                .kafkaProperty("auto.offset.reset", "earliest")
                .commitPolicy(CommitPolicy.periodic(Duration.ofMillis(500)));
        for (int i = 0; i < nodes.size(); i++) {
            builder.coordinators(nodes.get((first + i) % nodes.size()).address());
        }
        return builder;
    }
}
