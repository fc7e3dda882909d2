package io.roster.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the members of one measured join did, with times from the start of the clock: for
 * looking into a slow join ({@code -Dbench.join.timeline=true} prints every one). Only
 * touched on the members' context.
 */
final class JoinTimeline {

    private final List<String> lines = new ArrayList<>();
    private long startNanos;

    /** Times from now on are from {@code startNanos}. */
    void start(long startNanos) {
        this.startNanos = startNanos;
    }

    void add(String member, String what) {
        lines.add(String.format(Locale.ROOT, "  %8.3f ms  %-4s %s", (System.nanoTime() - startNanos) / 1e6, member, what));
    }

    String render() {
        return String.join("\n", lines);
    }
}
