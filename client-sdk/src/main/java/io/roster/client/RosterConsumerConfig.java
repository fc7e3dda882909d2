package io.roster.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link RosterConsumer} needs: where the coordinators and Kafka are, which
 * group and topics, and the commit, retry and failure policies. Built with {@link #builder()};
 * {@link Builder#build()} checks it and names the first problem.
 */
public final class RosterConsumerConfig {

    /** Where to start a partition that has no committed offset (Kafka's {@code auto.offset.reset}). */
    public enum OffsetReset { EARLIEST, LATEST }

    private final List<URI> coordinators;
    private final String groupId;
    private final List<String> topics;
    private final String instanceId;
    private final String rack;
    private final Map<String, String> kafkaProperties;
    private final OffsetReset offsetReset;
    private final CommitPolicy commitPolicy;
    private final RetryPolicy retryPolicy;
    private final FailurePolicy failurePolicy;
    private final int maxQueuedPerPartition;
    private final Duration pollTimeout;
    private final Duration requestTimeout;

    private RosterConsumerConfig(Builder b, OffsetReset offsetReset) {
        this.coordinators = List.copyOf(b.coordinators);
        this.groupId = b.groupId;
        this.topics = List.copyOf(b.topics);
        this.instanceId = b.instanceId;
        this.rack = b.rack;
        this.kafkaProperties = Map.copyOf(b.kafkaProperties);
        this.offsetReset = offsetReset;
        this.commitPolicy = b.commitPolicy;
        this.retryPolicy = b.retryPolicy;
        this.failurePolicy = b.failurePolicy;
        this.maxQueuedPerPartition = b.maxQueuedPerPartition;
        this.pollTimeout = b.pollTimeout;
        this.requestTimeout = b.requestTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Coordinator base addresses ({@code http://host:port}); the consumer fails over in this order. */
    public List<URI> coordinators() {
        return coordinators;
    }

    public String groupId() {
        return groupId;
    }

    public List<String> topics() {
        return topics;
    }

    /** The static instance id, or null for a dynamic member. */
    public String instanceId() {
        return instanceId;
    }

    public String rack() {
        return rack;
    }

    /** Kafka consumer properties (at least {@code bootstrap.servers}); also used for the dead-letter producer. */
    public Map<String, String> kafkaProperties() {
        return kafkaProperties;
    }

    public OffsetReset offsetReset() {
        return offsetReset;
    }

    public CommitPolicy commitPolicy() {
        return commitPolicy;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public FailurePolicy failurePolicy() {
        return failurePolicy;
    }

    /** Fetched records a partition may hold before its fetching pauses. */
    public int maxQueuedPerPartition() {
        return maxQueuedPerPartition;
    }

    public Duration pollTimeout() {
        return pollTimeout;
    }

    /** How long one request to a coordinator may take before the next coordinator is tried. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Builds a {@link RosterConsumerConfig}. */
    public static final class Builder {
        private final List<URI> coordinators = new ArrayList<>();
        private String groupId;
        private final List<String> topics = new ArrayList<>();
        private String instanceId;
        private String rack;
        private final Map<String, String> kafkaProperties = new LinkedHashMap<>();
        private OffsetReset offsetReset;
        private CommitPolicy commitPolicy = CommitPolicy.defaults();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private FailurePolicy failurePolicy = FailurePolicy.stop();
        private int maxQueuedPerPartition = 500;
        private Duration pollTimeout = Duration.ofMillis(100);
        private Duration requestTimeout = Duration.ofSeconds(5);

        private Builder() {
        }

        /** Adds coordinator addresses: {@code host:port} or {@code http://host:port}. */
        public Builder coordinators(String... addresses) {
            for (String address : addresses) {
                coordinators.add(parseAddress(address));
            }
            return this;
        }

        public Builder groupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        public Builder topics(String... topics) {
            this.topics.addAll(List.of(topics));
            return this;
        }

        public Builder instanceId(String instanceId) {
            this.instanceId = instanceId;
            return this;
        }

        public Builder rack(String rack) {
            this.rack = rack;
            return this;
        }

        public Builder kafkaProperty(String name, String value) {
            kafkaProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
            return this;
        }

        public Builder kafkaProperties(Map<String, String> properties) {
            properties.forEach(this::kafkaProperty);
            return this;
        }

        /** Overrides {@code auto.offset.reset} of the Kafka properties (default there: latest). */
        public Builder offsetReset(OffsetReset reset) {
            this.offsetReset = reset;
            return this;
        }

        public Builder commitPolicy(CommitPolicy policy) {
            this.commitPolicy = Objects.requireNonNull(policy, "commitPolicy");
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        public Builder failurePolicy(FailurePolicy policy) {
            this.failurePolicy = Objects.requireNonNull(policy, "failurePolicy");
            return this;
        }

        public Builder maxQueuedPerPartition(int records) {
            this.maxQueuedPerPartition = records;
            return this;
        }

        public Builder pollTimeout(Duration timeout) {
            this.pollTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public RosterConsumerConfig build() {
            if (coordinators.isEmpty()) {
                throw new IllegalArgumentException("at least one coordinator address is needed");
            }
            if (groupId == null || groupId.isEmpty() || groupId.length() > 249) {
                throw new IllegalArgumentException("groupId must have 1 to 249 characters: " + groupId);
            }
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("at least one topic is needed");
            }
            for (String topic : topics) {
                if (topic == null || topic.isBlank()) {
                    throw new IllegalArgumentException("a topic name is empty: " + topics);
                }
            }
            if (instanceId != null && instanceId.isEmpty()) {
                throw new IllegalArgumentException("instanceId must not be empty (null for a dynamic member)");
            }
            if (!kafkaProperties.containsKey("bootstrap.servers")) {
                throw new IllegalArgumentException("the Kafka property bootstrap.servers is needed");
            }
            OffsetReset reset = offsetReset != null ? offsetReset
                    : parseReset(kafkaProperties.getOrDefault("auto.offset.reset", "latest"));
            if (maxQueuedPerPartition < 1) {
                throw new IllegalArgumentException("maxQueuedPerPartition must be 1 or more: " + maxQueuedPerPartition);
            }
            requirePositive("pollTimeout", pollTimeout);
            requirePositive("requestTimeout", requestTimeout);
            return new RosterConsumerConfig(this, reset);
        }

        private static OffsetReset parseReset(String value) {
            return switch (value) {
                case "earliest" -> OffsetReset.EARLIEST;
                case "latest" -> OffsetReset.LATEST;
                default -> throw new IllegalArgumentException(
                        "auto.offset.reset must be earliest or latest: '" + value + "'");
            };
        }

        private static void requirePositive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
        }

        private static URI parseAddress(String address) {
            if (address == null || address.isBlank()) {
                throw new IllegalArgumentException("a coordinator address is empty");
            }
            String withScheme = address.contains("://") ? address : "http://" + address;
            URI uri;
            try {
                uri = URI.create(withScheme);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("coordinator address '" + address + "' is not host:port", e);
            }
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
                throw new IllegalArgumentException("coordinator address '" + address + "' is not host:port");
            }
            return uri;
        }
    }
}
