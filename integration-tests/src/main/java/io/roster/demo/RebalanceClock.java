package io.roster.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;

/**
 * Times rebalances: from a scale action (consumers started, closed or killed) until every
 * live consumer owns its share ({@code partitions / consumers}, rounded down or up) and the
 * live consumers together own every partition exactly once, as their listeners saw it.
 * After a kill it also notes when the first of the dead consumer's partitions reached a live
 * one: the coordinator can only tell a crash from a slow member once the session timeout
 * has passed. An action taken before the previous rebalance finished extends it. Thread-safe:
 * consumers report from their own contexts.
 */
final class RebalanceClock {

    /** How long a rebalance may take before it is reported as not converged. */
    static final long LIMIT_MS = 60_000;

    /**
     * One finished (or abandoned) rebalance.
     *
     * @param startedAtMs    when the action was taken, since the demo started
     * @param change         consumers before and after, as {@code 3→6}
     * @param action         what was done, as {@code start c4, c5, c6}; actions taken while it ran are added
     * @param kill           a consumer was killed (the duration includes the session timeout)
     * @param durationMs     action to balanced ownership
     * @param takeoverMs     kill only: action to the first of the dead consumer's partitions owned again; else -1
     * @param converged      false when it did not balance within {@link #LIMIT_MS} or the demo ended first
     */
    record Rebalance(long startedAtMs, String change, String action, boolean kill, long durationMs, long takeoverMs,
                     boolean converged) {
    }

    private final int partitions;
    private final LongSupplier clock;
    private final long demoStartMs;
    private final PrintStream out;
    private final List<Rebalance> finished = new ArrayList<>();
    private Pending pending;

    private static final class Pending {
        final long startMs;
        final int before;
        int expectedConsumers;
        String action;
        boolean kill;
        final Set<TopicPartition> orphans = new HashSet<>();
        long takeoverMs = -1;

        Pending(long startMs, int before) {
            this.startMs = startMs;
            this.before = before;
        }
    }

    /** @param demoStartMs the start of the demo on {@code clock}: actions are reported relative to it */
    RebalanceClock(int partitions, LongSupplier clock, long demoStartMs, PrintStream out) {
        this.partitions = partitions;
        this.clock = clock;
        this.demoStartMs = demoStartMs;
        this.out = out;
    }

    /**
     * An action was taken: {@code before} consumers become {@code after}. {@code orphaned}
     * are the partitions a killed consumer held.
     */
    synchronized void actionTaken(String action, int before, int after, boolean kill, Set<TopicPartition> orphaned) {
        if (pending == null) {
            pending = new Pending(clock.getAsLong(), before);
            pending.action = action;
        } else {
            pending.action += ", then " + action;
        }
        pending.expectedConsumers = after;
        pending.kill |= kill;
        pending.orphans.addAll(orphaned);
    }

    /** What the live consumers own now, one set per consumer. */
    synchronized void observe(List<Set<TopicPartition>> ownership) {
        if (pending == null) {
            return;
        }
        long now = clock.getAsLong();
        if (pending.takeoverMs < 0 && !pending.orphans.isEmpty()
                && ownership.stream().anyMatch(owned -> owned.stream().anyMatch(pending.orphans::contains))) {
            pending.takeoverMs = now - pending.startMs;
        }
        if (ownership.size() == pending.expectedConsumers && balanced(ownership)) {
            finish(now, true);
        } else if (now - pending.startMs > LIMIT_MS) {
            finish(now, false);
        }
    }

    /** The demo is ending: a rebalance still running is reported as not converged. */
    synchronized void abandon() {
        if (pending != null) {
            finish(clock.getAsLong(), false);
        }
    }

    synchronized boolean running() {
        return pending != null;
    }

    synchronized List<Rebalance> finished() {
        return List.copyOf(finished);
    }

    synchronized Rebalance last() {
        return finished.isEmpty() ? null : finished.get(finished.size() - 1);
    }

    private boolean balanced(List<Set<TopicPartition>> ownership) {
        if (ownership.isEmpty()) {
            return true;
        }
        int floor = partitions / ownership.size();
        int ceiling = floor + (partitions % ownership.size() == 0 ? 0 : 1);
        Set<TopicPartition> all = new HashSet<>();
        int sum = 0;
        for (Set<TopicPartition> owned : ownership) {
            if (owned.size() < floor || owned.size() > ceiling) {
                return false;
            }
            sum += owned.size();
            all.addAll(owned);
        }
        return sum == partitions && all.size() == partitions;
    }

    private void finish(long now, boolean converged) {
        Rebalance rebalance = new Rebalance(pending.startMs - demoStartMs, pending.before + "→" + pending.expectedConsumers,
                pending.action, pending.kill, now - pending.startMs, pending.takeoverMs, converged);
        pending = null;
        finished.add(rebalance);
        out.println(">> " + describe(rebalance));
    }

    /** One line: {@code rebalance 3→6 (start c4, c5, c6): 412 ms}. */
    static String describe(Rebalance r) {
        StringBuilder line = new StringBuilder("rebalance ").append(r.change()).append(" (").append(r.action())
                .append("): ");
        if (!r.converged()) {
            return line.append("not balanced after ").append(seconds(r.durationMs())).toString();
        }
        line.append(r.durationMs() < 10_000 && !r.kill() ? r.durationMs() + " ms" : seconds(r.durationMs()));
        if (r.kill() && r.takeoverMs() >= 0) {
            line.append(" = ").append(seconds(r.takeoverMs())).append(" until its partitions moved (the session")
                    .append(" timeout runs from its last heartbeat) + ").append(r.durationMs() - r.takeoverMs())
                    .append(" ms to balance");
        }
        return line.toString();
    }

    static String seconds(long ms) {
        return String.format("%.1f s", ms / 1000.0);
    }
}
