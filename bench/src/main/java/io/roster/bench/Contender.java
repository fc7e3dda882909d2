package io.roster.bench;

/** One assignor under measurement: a side and a strategy. The JMH parameter. */
public enum Contender {
    ROSTER_UNIFORM(Side.ROSTER, Strategy.UNIFORM),
    KAFKA_UNIFORM(Side.KAFKA, Strategy.UNIFORM),
    ROSTER_RANGE(Side.ROSTER, Strategy.RANGE),
    KAFKA_RANGE(Side.KAFKA, Strategy.RANGE);

    private final Side side;
    private final Strategy strategy;

    Contender(Side side, Strategy strategy) {
        this.side = side;
        this.strategy = strategy;
    }

    public Side side() {
        return side;
    }

    public Strategy strategy() {
        return strategy;
    }

    public static Contender of(Side side, Strategy strategy) {
        for (Contender contender : values()) {
            if (contender.side == side && contender.strategy == strategy) {
                return contender;
            }
        }
        throw new IllegalArgumentException(side + " " + strategy);
    }

    /** E.g. {@code Roster uniform}, {@code Kafka 4.4.0 range}. */
    public String displayName() {
        return side.displayName() + " " + strategy.rosterName();
    }
}
