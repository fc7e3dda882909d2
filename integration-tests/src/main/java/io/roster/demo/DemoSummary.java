package io.roster.demo;

import java.io.PrintStream;
import java.util.List;

/**
 * What the run did, printed at the end: records produced, processed, processed more than once
 * and never processed, and every rebalance with its duration. Lost records fail the run, and so
 * do duplicates that no kill and no lost partition explains: a consumer that is closed
 * gracefully commits what it processed before its partitions move.
 *
 * @param runMs            from the start of production to the end of the drain
 * @param produceMs        how long records were produced
 * @param drainMs          from the end of production until every record was processed (or the drain gave up)
 * @param counts           the ledger at the end
 * @param rebalances       every timed rebalance, in order
 * @param kills            consumers killed
 * @param lostPartitions   partitions consumers lost without a commit, kills aside
 * @param sessionTimeoutMs the group's session timeout
 */
record DemoSummary(long runMs, long produceMs, long drainMs, DeliveryLedger.Counts counts,
                   List<RebalanceClock.Rebalance> rebalances, int kills, long lostPartitions, long sessionTimeoutMs) {

    boolean duplicatesExplained() {
        return kills > 0 || lostPartitions > 0;
    }

    boolean passed() {
        return counts.unprocessed() == 0 && (counts.duplicateRecords() == 0 || duplicatesExplained());
    }

    /** 0 when nothing was lost and every duplicate is explained, else 1. */
    int exitCode() {
        return passed() ? 0 : 1;
    }

    void print(PrintStream out) {
        out.println();
        out.println("==== summary ====");
        out.printf("ran %s: records produced for %s, then drained for %s%n", RebalanceClock.seconds(runMs),
                RebalanceClock.seconds(produceMs), RebalanceClock.seconds(drainMs));
        out.printf("produced    %d records (acknowledged by Kafka)%s%n", counts.produced(),
                counts.sendFailures() == 0 ? "" : "; " + counts.sendFailures() + " sends failed and are not counted");
        out.printf("processed   %d records, %d distinct%n", counts.processed(), counts.distinct());
        out.printf("duplicates  %d records processed more than once (%d extra deliveries): %s%n",
                counts.duplicateRecords(), counts.redeliveries(), duplicatesNote());
        out.printf("lost        %d records produced but never processed (must be 0)%n", counts.unprocessed());
        printRebalances(out, "rebalances  (scale action → every consumer owns its share, each partition owned once):",
                rebalances.stream().filter(r -> !r.kill()).toList());
        printRebalances(out, "after kills (the time includes the " + RebalanceClock.seconds(sessionTimeoutMs)
                        + " session timeout: only then may the coordinator give a silent member's partitions away):",
                rebalances.stream().filter(RebalanceClock.Rebalance::kill).toList());
        out.println(passed() ? "OK: nothing lost" + (counts.duplicateRecords() == 0 ? ", nothing processed twice" : "")
                : "FAILED: " + (counts.unprocessed() > 0 ? counts.unprocessed() + " records lost" : "duplicates without a kill"));
    }

    private String duplicatesNote() {
        if (kills == 0 && lostPartitions == 0) {
            return "allowed only after a kill or a lost partition, and there was none";
        }
        String causes = (kills > 0 ? kills + " kill(s)" : "") + (kills > 0 && lostPartitions > 0 ? " and " : "")
                + (lostPartitions > 0 ? lostPartitions + " lost partition(s)" : "");
        return "expected after " + causes + ": at-least-once, records since the last commit are processed again";
    }

    private static void printRebalances(PrintStream out, String title, List<RebalanceClock.Rebalance> list) {
        if (list.isEmpty()) {
            return;
        }
        out.println(title);
        for (RebalanceClock.Rebalance r : list) {
            out.printf("  at %5.1f s  %s%n", r.startedAtMs() / 1000.0, RebalanceClock.describe(r));
        }
    }
}
