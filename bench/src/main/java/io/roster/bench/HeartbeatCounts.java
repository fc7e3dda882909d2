package io.roster.bench;

import java.util.EnumMap;
import java.util.Map;

/**
 * Heartbeats sent, by trigger, and push notices received, by all members of a group since
 * the last {@link #reset()}. Only touched on the members' context.
 */
final class HeartbeatCounts {

    private final EnumMap<HeartbeatTrigger, Integer> sent = new EnumMap<>(HeartbeatTrigger.class);
    private int notices;

    void reset() {
        sent.clear();
        notices = 0;
    }

    void sent(HeartbeatTrigger trigger) {
        sent.merge(trigger, 1, Integer::sum);
    }

    void notice() {
        notices++;
    }

    Tally tally() {
        return new Tally(Map.copyOf(sent), notices);
    }

    /** A copy of the counts at one moment. */
    record Tally(Map<HeartbeatTrigger, Integer> sent, int notices) {

        int heartbeats() {
            return sent.values().stream().mapToInt(Integer::intValue).sum();
        }

        int heartbeats(HeartbeatTrigger trigger) {
            return sent.getOrDefault(trigger, 0);
        }
    }
}
