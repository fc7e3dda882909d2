package io.roster.bench;

import io.roster.coordinator.testing.EmbeddedKafkaBroker;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.time.Duration;

/**
 * Everything the contenders share for a whole run, in this JVM: one Kafka broker (KRaft,
 * 4.4.0) with one topic, one Roster coordinator node reading that broker's metadata, and a
 * Vert.x instance of the harness's own for the coordinator's admin API.
 *
 * <p>The broker runs with its defaults but for the fixture's single-node settings and the two
 * lower bounds of consumer groups, {@code group.consumer.min.heartbeat.interval.ms} and
 * {@code group.consumer.min.session.timeout.ms}, lowered to 1 ms: the least its validators
 * accept, so that one group may be given the smallest heartbeat interval while every other
 * group keeps the broker's default interval (5 s) and session timeout (45 s).
 */
final class RebalanceCluster implements AutoCloseable {

    static final String TOPIC = "events";
    /** The least {@code group.consumer.min.*} values Kafka 4.4.0's GroupCoordinatorConfig accepts (atLeast(1)). */
    static final int LEAST_CONSUMER_GROUP_BOUND_MS = 1;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedKafkaBroker kafka = new EmbeddedKafkaBroker()
            .property("group.consumer.min.heartbeat.interval.ms", Integer.toString(LEAST_CONSUMER_GROUP_BOUND_MS))
            .property("group.consumer.min.session.timeout.ms", Integer.toString(LEAST_CONSUMER_GROUP_BOUND_MS));
    private CoordinatorCluster coordinator;
    private Vertx adminVertx;
    private HttpClient adminHttp;
    private Context adminContext;

    private RebalanceCluster() {
    }

    static RebalanceCluster start(int partitions) {
        RebalanceCluster cluster = new RebalanceCluster();
        try {
            cluster.kafka.start();
            cluster.kafka.createTopic(TOPIC, partitions);
            cluster.coordinator = CoordinatorCluster.startOnKafka(1, cluster.kafka.bootstrapServers());
            cluster.adminVertx = Vertx.vertx();
            cluster.adminContext = cluster.adminVertx.getOrCreateContext();
            cluster.adminHttp = cluster.adminVertx.createHttpClient();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The driver of {@code contender} on this cluster. */
    ProtocolDriver driver(RebalanceContender contender, RebalanceSettings settings) {
        if (contender == RebalanceContender.ROSTER) {
            return new RosterProtocolDriver(bootstrapServers(), TOPIC, coordinator.httpPort(0), adminContext, adminHttp);
        }
        return new KafkaProtocolDriver(contender, settings, kafka.admin(), bootstrapServers(), TOPIC);
    }

    @Override
    public void close() {
        try {
            if (adminVertx != null) {
                ContextAwait.result(adminVertx.close(), CLOSE_TIMEOUT, "closing the harness's Vert.x");
            }
            if (coordinator != null) {
                coordinator.close();
            }
        } finally {
            kafka.close();
        }
    }
}
