package io.roster.bench;

/** The assignment strategy compared: Roster's and Kafka's assignor of that name. */
public enum Strategy {
    UNIFORM("uniform", "UniformAssignor"),
    RANGE("range", "RangeAssignor");

    private final String rosterName;
    private final String kafkaClassName;

    Strategy(String rosterName, String kafkaClassName) {
        this.rosterName = rosterName;
        this.kafkaClassName = kafkaClassName;
    }

    /** Roster's assignor name, e.g. {@code uniform}. */
    public String rosterName() {
        return rosterName;
    }

    /** Simple name of Kafka's server-side assignor class. */
    public String kafkaClassName() {
        return kafkaClassName;
    }

    io.roster.assignor.Assignor rosterAssignor() {
        return switch (this) {
            case UNIFORM -> new io.roster.assignor.UniformAssignor();
            case RANGE -> new io.roster.assignor.RangeAssignor();
        };
    }

    org.apache.kafka.coordinator.group.api.assignor.ConsumerGroupPartitionAssignor kafkaAssignor() {
        return switch (this) {
            case UNIFORM -> new org.apache.kafka.coordinator.group.assignor.UniformAssignor();
            case RANGE -> new org.apache.kafka.coordinator.group.assignor.RangeAssignor();
        };
    }

    /** Accepts {@code uniform}, {@code range}, any case. */
    public static Strategy parse(String text) {
        for (Strategy strategy : values()) {
            if (strategy.rosterName.equalsIgnoreCase(text.trim()) || strategy.name().equalsIgnoreCase(text.trim())) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown assignor '" + text + "'; known: uniform, range");
    }
}
