package io.roster.bench;

/** Whose assignor runs. */
public enum Side {
    ROSTER("Roster"),
    KAFKA("Kafka 4.4.0");

    private final String displayName;

    Side(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
