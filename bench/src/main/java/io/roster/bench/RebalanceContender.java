package io.roster.bench;

import io.roster.coordinator.config.CoordinatorConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;

/**
 * The group protocols {@link RebalanceBench} compares, each with the settings its consumers
 * run with. Kafka's figures are its client and broker defaults unless the name says tuned or
 * minimum; Roster's are the coordinator's defaults ({@link CoordinatorCluster#settings()}).
 */
enum RebalanceContender {
    ROSTER("Roster", "Roster coordinator, `RosterConsumer` (client SDK)"),
    CLASSIC_DEFAULT("classic, defaults", "`group.protocol=classic`, `CooperativeStickyAssignor`"),
    CLASSIC_TUNED("classic, tuned", "`group.protocol=classic`, `CooperativeStickyAssignor`, "
            + "`heartbeat.interval.ms=500`, `session.timeout.ms=6000`"),
    CONSUMER_DEFAULT("KIP-848, defaults", "`group.protocol=consumer`, the broker's `uniform` assignor"),
    CONSUMER_MIN("KIP-848, minimum heartbeat", "`group.protocol=consumer`, the broker's `uniform` assignor, "
            + "group configs `consumer.heartbeat.interval.ms` and `consumer.session.timeout.ms=6000`");

    /** The classic consumer's defaults and the tuned figures. */
    static final int CLASSIC_HEARTBEAT_MS = 3_000;
    static final int CLASSIC_SESSION_MS = 45_000;
    static final int TUNED_HEARTBEAT_MS = 500;
    static final int TUNED_SESSION_MS = 6_000;
    /** The broker's defaults for consumer groups: group.consumer.heartbeat.interval.ms and .session.timeout.ms. */
    static final int CONSUMER_HEARTBEAT_MS = 5_000;
    static final int CONSUMER_SESSION_MS = 45_000;

    private final String label;
    private final String setup;

    RebalanceContender(String label, String setup) {
        this.label = label;
        this.setup = setup;
    }

    String label() {
        return label;
    }

    /** What the consumers are and which settings differ from the defaults, for the report. */
    String setup() {
        return setup;
    }

    boolean kafka() {
        return this != ROSTER;
    }

    /** The new consumer protocol (KIP-848), whose timeouts the broker gives. */
    boolean consumerProtocol() {
        return this == CONSUMER_DEFAULT || this == CONSUMER_MIN;
    }

    long heartbeatMs(RebalanceSettings settings) {
        return switch (this) {
            case ROSTER -> Long.parseLong(CoordinatorCluster.settings().get(CoordinatorConfig.HEARTBEAT_INTERVAL_MS));
            case CLASSIC_DEFAULT -> CLASSIC_HEARTBEAT_MS;
            case CLASSIC_TUNED -> TUNED_HEARTBEAT_MS;
            case CONSUMER_DEFAULT -> CONSUMER_HEARTBEAT_MS;
            case CONSUMER_MIN -> settings.minHeartbeatMs();
        };
    }

    long sessionTimeoutMs() {
        return switch (this) {
            case ROSTER -> Long.parseLong(CoordinatorCluster.settings().get(CoordinatorConfig.SESSION_TIMEOUT_MS));
            case CLASSIC_DEFAULT -> CLASSIC_SESSION_MS;
            case CLASSIC_TUNED, CONSUMER_MIN -> TUNED_SESSION_MS;
            case CONSUMER_DEFAULT -> CONSUMER_SESSION_MS;
        };
    }

    /** The Kafka consumer properties that make this contender, on top of the ones every consumer gets. */
    Map<String, Object> kafkaProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (consumerProtocol()) {
            // The broker gives heartbeat interval and session timeout; the client may not set them.
            properties.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
            return properties;
        }
        properties.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        if (this == CLASSIC_TUNED) {
            properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Integer.toString(TUNED_HEARTBEAT_MS));
            properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Integer.toString(TUNED_SESSION_MS));
        }
        return properties;
    }

    /** Dynamic group configs set on each fresh group before its first member joins (Kafka's GROUP resource). */
    Map<String, String> groupConfigs(RebalanceSettings settings) {
        if (this != CONSUMER_MIN) {
            return Map.of();
        }
        return Map.of("consumer.heartbeat.interval.ms", Long.toString(settings.minHeartbeatMs()),
                "consumer.session.timeout.ms", Integer.toString(TUNED_SESSION_MS));
    }

    /** How a kill stops one of its consumers, for the report. */
    String killMethod() {
        return switch (this) {
            case ROSTER -> "`RosterConsumer.abort()`";
            case CLASSIC_DEFAULT, CLASSIC_TUNED -> "`close(CloseOptions` `REMAIN_IN_GROUP)`";
            case CONSUMER_DEFAULT, CONSUMER_MIN -> "static member (`group.instance.id`), "
                    + "`close(CloseOptions` `REMAIN_IN_GROUP)`";
        };
    }

    static RebalanceContender parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown contender '" + name + "'; known: "
                    + Arrays.toString(values()), e);
        }
    }
}
