package io.roster.bench;

/**
 * The groups the assignors are compared on. Every scenario's input is derived from fixed
 * seeds, so each trial, each fork and each run sees exactly the same group.
 */
public enum Scenario {

    A("A", "100 members, 10 topics x 100 partitions, from empty", 100, 10, Change.NONE, false),
    B("B", "1,000 members, 100 topics x 100 partitions, from empty", 1_000, 100, Change.NONE, false),
    C("C", "10,000 members, 1,000 topics x 100 partitions, from empty", 10_000, 1_000, Change.NONE, false),
    D_JOIN("D join", "B's stable assignment, then one member joins", 1_000, 100, Change.JOIN, false),
    D_LEAVE("D leave", "B's stable assignment, then one member leaves", 1_000, 100, Change.LEAVE, false),
    E("E", "B, each member subscribed to a random 50 of the 100 topics, from empty", 1_000, 100, Change.NONE, true);

    /** How the measured group differs from the base group (whose stable assignment is the prior one). */
    public enum Change {
        /** The base group itself, owning nothing. */
        NONE,
        /** The base group owning its stable assignment, plus a new member owning nothing. */
        JOIN,
        /** The base group owning its stable assignment, minus one member. */
        LEAVE
    }

    static final int PARTITIONS_PER_TOPIC = 100;
    static final int RANDOM_SUBSCRIPTION_SIZE = 50;

    private final String label;
    private final String description;
    private final int baseMembers;
    private final int topics;
    private final Change change;
    private final boolean randomSubscriptions;

    Scenario(String label, String description, int baseMembers, int topics, Change change,
             boolean randomSubscriptions) {
        this.label = label;
        this.description = description;
        this.baseMembers = baseMembers;
        this.topics = topics;
        this.change = change;
        this.randomSubscriptions = randomSubscriptions;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public int baseMembers() {
        return baseMembers;
    }

    public int topics() {
        return topics;
    }

    public Change change() {
        return change;
    }

    public boolean randomSubscriptions() {
        return randomSubscriptions;
    }

    /** Accepts the enum name ({@code D_JOIN}) or the label ({@code D join}, {@code d-join}). */
    public static Scenario parse(String text) {
        String wanted = text.trim().replace('-', '_').replace(' ', '_');
        for (Scenario scenario : values()) {
            if (scenario.name().equalsIgnoreCase(wanted)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + text + "'; known: A, B, C, D_JOIN, D_LEAVE, E");
    }
}
