package io.roster.client;

import java.util.Objects;
import java.util.function.UnaryOperator;

/** What happens to a record that failed every attempt of the {@link RetryPolicy}. */
public final class FailurePolicy {

    /** The three outcomes. */
    public enum Action {
        /** The consumer stops: it commits what was processed before the record and leaves the group. */
        STOP,
        /** The record counts as processed; a warning is logged. */
        SKIP,
        /** The record is published to a dead-letter topic, then counts as processed. */
        DEAD_LETTER
    }

    private final Action action;
    private final UnaryOperator<String> deadLetterTopic;

    private FailurePolicy(Action action, UnaryOperator<String> deadLetterTopic) {
        this.action = action;
        this.deadLetterTopic = deadLetterTopic;
    }

    public static FailurePolicy stop() {
        return new FailurePolicy(Action.STOP, null);
    }

    public static FailurePolicy skip() {
        return new FailurePolicy(Action.SKIP, null);
    }

    /** To {@code <topic>.dlq}. */
    public static FailurePolicy deadLetter() {
        return deadLetter(topic -> topic + ".dlq");
    }

    /** To the topic {@code naming} gives for the record's topic. */
    public static FailurePolicy deadLetter(UnaryOperator<String> naming) {
        return new FailurePolicy(Action.DEAD_LETTER, Objects.requireNonNull(naming, "naming"));
    }

    public Action action() {
        return action;
    }

    /** The dead-letter topic of a record of {@code topic} (only for {@link Action#DEAD_LETTER}). */
    public String deadLetterTopic(String topic) {
        if (deadLetterTopic == null) {
            throw new IllegalStateException("no dead-letter topic with " + action);
        }
        String name = deadLetterTopic.apply(topic);
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("the dead-letter naming gave no topic for '" + topic + "'");
        }
        return name;
    }

    @Override
    public String toString() {
        return action.name().toLowerCase();
    }
}
