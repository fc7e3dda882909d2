package io.roster.offsets.impl;

/** The outcome of a {@link LoggedChangeProcessor}: whatever it decided, and how far its change got. */
public interface LoggedOutcome {

    LoggedStep step();
}
