package io.roster.bench;

import java.util.Locale;

/** What happens to a settled group in one measured event of {@link RebalanceBench}. */
enum RebalanceEvent {
    /** A consumer starts and joins: N -> N+1. */
    ADD("one consumer added"),
    /** The longest-running consumer closes gracefully (commits, leaves): N+1 -> N. */
    CLOSE("one consumer closed gracefully"),
    /** The newest consumer stops without committing or leaving, as a crash would: N+1 -> N. */
    KILL("one consumer killed without leaving");

    private final String description;

    RebalanceEvent(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /** E.g. {@code add}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
