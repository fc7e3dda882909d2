package io.roster.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Section {@code rebalance-comparison} of docs/benchmarks.md, written by {@link RebalanceBench}:
 * how the run was made, one table per group size and event, the targets, how it is
 * measured, and everything that went wrong in the run.
 */
final class RebalanceDoc {

    /** Roster's p99 must be at most this share of KIP-848's with default settings. */
    static final double RATIO_TARGET = 1.0 / 20;
    static final double ABSOLUTE_TARGET_MS = 100;
    static final double STOP_THE_WORLD_TARGET_MS = 50;

    record Report(RebalanceSettings settings, Instant started, Duration took, MachineDescription machine,
                  String loadBefore, String loadAfter, RunEstimate estimate, List<EventSample> samples,
                  List<RebalanceBench.BlockRun> blocks, List<String> notes) {
    }

    /** The figures of one contender for one group size and event type; NaN where no event counted. */
    record Row(RebalanceContender contender, int events, int failed, double medianMs, double p99Ms, double movedMedian,
               double stopTheWorldMedianMs, double stopTheWorldMaxMs, double noiseMedianMs, double noiseMaxMs,
               int shortNoiseWindows, double cpuCores) {
    }

    private RebalanceDoc() {
    }

    static String section(Report report) {
        RebalanceSettings settings = report.settings();
        StringBuilder out = new StringBuilder();
        out.append(RebalanceBench.BEGIN).append('\n');
        out.append("## Rebalances under load: Roster vs Kafka 4.4.0's group coordinator\n\n");
        if (settings.smoke()) {
            out.append("**Smoke run, not a measurement**: ").append(settings.measuredRounds())
                    .append(" round(s) per contender and group size, where the issue asks for at least ")
                    .append(RebalanceSettings.EVENTS_ASKED).append(" events of each type. The figures below only show ")
                    .append("that the harness works; do not quote them.\n\n");
        }
        out.append("Run of ").append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                        .format(report.started().atOffset(ZoneOffset.UTC)))
                .append("; the whole run took ").append(BenchmarkDoc.duration(report.took()))
                .append(" (estimated beforehand: ").append(BenchmarkDoc.duration(Duration.ofMillis(report.estimate().totalMs())))
                .append(").\n\n");
        out.append(report.machine().markdownRows(report.loadBefore(), report.loadAfter()));
        out.append("| JVM arguments | `").append(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("--add")).collect(Collectors.joining(" ")))
                .append("` (plus the Hazelcast `--add-opens`) |\n\n");
        out.append("Command, from the repository root (it builds, then runs on the bench module's test class path, ")
                .append("where the broker fixture is):\n\n```\nbench/rebalance-bench.sh\n```\n\n");
        out.append("Settings are system properties given in `BENCH_JVM_ARGS=\"...\"` (defaults in the script's comment; ")
                .append("this run's): ").append(settings.flags()).append(". With the defaults a run is estimated at ")
                .append(BenchmarkDoc.duration(Duration.ofMillis(new RunEstimate(settings.withDefaultShape()).totalMs())))
                .append(", kills with 45 s session timeouts taking most of it.\n\n");
        out.append(setup(settings));
        for (int size : settings.sizes()) {
            for (RebalanceEvent event : RebalanceEvent.values()) {
                out.append(table(report, size, event));
            }
        }
        out.append(targets(report));
        out.append(method(settings));
        out.append(notes(report));
        out.append(RebalanceBench.END);
        return out.toString();
    }

    private static String setup(RebalanceSettings settings) {
        StringBuilder out = new StringBuilder();
        out.append("Everything in one JVM on loopback: one Kafka 4.4.0 broker (KRaft, broker and controller in one, ")
                .append("the test fixture's single-node settings, `group.consumer.min.heartbeat.interval.ms` and ")
                .append("`group.consumer.min.session.timeout.ms` lowered to ")
                .append(RebalanceCluster.LEAST_CONSUMER_GROUP_BOUND_MS)
                .append(" ms, the least its validators accept; every other group setting at the broker's default), ")
                .append("one Roster coordinator node (its own Hazelcast member and Vert.x; topics read from the broker; ")
                .append("the service's default settings) and one topic `").append(RebalanceCluster.TOPIC).append("` of ")
                .append(settings.partitions()).append(" partitions. One producer thread writes ")
                .append(String.format(Locale.ROOT, "%,d", settings.totalRate())).append(" records/s (")
                .append(settings.ratePerPartition()).append(" per partition, to each in turn; 16-byte values, no key) ")
                .append("from start to end. Only the contender being measured has consumers running.\n\n");
        out.append("| contender | consumers | heartbeat interval | session timeout | a kill is |\n");
        out.append("|---|---|---:|---:|---|\n");
        for (RebalanceContender contender : settings.contenders()) {
            out.append("| ").append(contender.label()).append(" | ").append(contender.setup()).append(" | ")
                    .append(contender.heartbeatMs(settings)).append(" ms | ").append(contender.sessionTimeoutMs())
                    .append(" ms | ").append(contender.killMethod()).append(" |\n");
        }
        out.append('\n');
        return out.toString();
    }

    private static String table(Report report, int size, RebalanceEvent event) {
        List<Row> rows = report.settings().contenders().stream().map(c -> row(report, c, size, event)).toList();
        Row roster = rows.stream().filter(r -> r.contender() == RebalanceContender.ROSTER).findFirst().orElse(null);
        String change = event == RebalanceEvent.ADD ? size + " → " + (size + 1) : (size + 1) + " → " + size;
        StringBuilder out = new StringBuilder();
        out.append("### Group of ").append(size).append(": ").append(event.description()).append(" (").append(change)
                .append(")\n\n");
        out.append("| contender | events (failed) | median ms | p99 ms | Roster p99 / this p99 | partitions moved, median ")
                .append("| stop-the-world median / max ms | noise floor median / max ms | JVM CPU, cores |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            out.append("| ").append(row.contender().label())
                    .append(" | ").append(row.events()).append(row.failed() > 0 ? " (" + row.failed() + ")" : "")
                    .append(" | ").append(millis(row.medianMs()))
                    .append(" | ").append(millis(row.p99Ms()))
                    .append(" | ").append(roster == null ? "-" : ratio(roster.p99Ms(), row.p99Ms()))
                    .append(" | ").append(Double.isNaN(row.movedMedian()) ? "-" : String.format(Locale.ROOT, "%.0f",
                            row.movedMedian()))
                    .append(" | ").append(millis(row.stopTheWorldMedianMs())).append(" / ")
                    .append(millis(row.stopTheWorldMaxMs()))
                    .append(" | ").append(millis(row.noiseMedianMs())).append(" / ").append(millis(row.noiseMaxMs()))
                    .append(" | ").append(Double.isNaN(row.cpuCores()) ? "-"
                            : String.format(Locale.ROOT, "%.2f", row.cpuCores()))
                    .append(" |\n");
        }
        out.append('\n');
        return out.toString();
    }

    static Row row(Report report, RebalanceContender contender, int size, RebalanceEvent event) {
        List<EventSample> all = report.samples().stream()
                .filter(s -> s.contender() == contender && s.groupSize() == size && s.event() == event).toList();
        List<EventAnalysis.Outcome> ok = all.stream().filter(EventSample::ok).map(EventSample::outcome).toList();
        double[] convergence = sorted(ok.stream().mapToDouble(EventAnalysis.Outcome::convergenceMillis).toArray());
        double[] stopTheWorld = sorted(ok.stream().mapToDouble(EventAnalysis.Outcome::stopTheWorldMillis).toArray());
        double[] noise = sorted(ok.stream().mapToDouble(EventAnalysis.Outcome::noiseFloorMillis).toArray());
        double[] moved = sorted(ok.stream().mapToDouble(EventAnalysis.Outcome::moved).toArray());
        double cpu = report.blocks().stream().filter(b -> b.contender() == contender && b.groupSize() == size)
                .mapToDouble(RebalanceBench.BlockRun::cpuCores).average().orElse(Double.NaN);
        return new Row(contender, ok.size(), all.size() - ok.size(), LatencySummary.percentile(convergence, 50),
                LatencySummary.percentile(convergence, 99), LatencySummary.percentile(moved, 50),
                LatencySummary.percentile(stopTheWorld, 50), max(stopTheWorld), LatencySummary.percentile(noise, 50),
                max(noise), (int) ok.stream().filter(EventAnalysis.Outcome::shortNoiseWindow).count(), cpu);
    }

    /** The three targets, per group size and event type, with the verdict of this run. */
    private static String targets(Report report) {
        RebalanceSettings settings = report.settings();
        if (!settings.contenders().contains(RebalanceContender.ROSTER)) {
            return "Targets: not judged, Roster was not measured in this run.\n\n";
        }
        StringBuilder out = new StringBuilder("### Targets\n\n");
        out.append("1. Roster's p99 at most 1/20 of KIP-848's with default settings; 2. Roster's p99 under ")
                .append(String.format(Locale.ROOT, "%.0f", ABSOLUTE_TARGET_MS))
                .append(" ms for an added and a gracefully closed consumer; 3. Roster's longest stop-the-world under ")
                .append(String.format(Locale.ROOT, "%.0f", STOP_THE_WORLD_TARGET_MS))
                .append(" ms, Kafka's beside it.\n\n");
        out.append("| group | event | 1: Roster p99 / KIP-848 default p99 | 2: Roster p99 ms | 3: Roster stop-the-world max ms ")
                .append("(Kafka's: classic default, classic tuned, KIP-848 default, KIP-848 minimum) |\n");
        out.append("|---:|---|---|---|---|\n");
        for (int size : settings.sizes()) {
            for (RebalanceEvent event : RebalanceEvent.values()) {
                Row roster = row(report, RebalanceContender.ROSTER, size, event);
                out.append("| ").append(size).append(" | ").append(event.label()).append(" | ");
                if (settings.contenders().contains(RebalanceContender.CONSUMER_DEFAULT)) {
                    Row kip848 = row(report, RebalanceContender.CONSUMER_DEFAULT, size, event);
                    double ratio = roster.p99Ms() / kip848.p99Ms();
                    out.append(ratio(roster.p99Ms(), kip848.p99Ms())).append(' ').append(verdict(ratio <= RATIO_TARGET,
                            ratio));
                } else {
                    out.append("not judged (KIP-848 default not measured)");
                }
                out.append(" | ");
                if (event == RebalanceEvent.KILL) {
                    out.append(millis(roster.p99Ms())).append(" (no absolute target)");
                } else {
                    out.append(millis(roster.p99Ms())).append(' ')
                            .append(verdict(roster.p99Ms() < ABSOLUTE_TARGET_MS, roster.p99Ms()));
                }
                out.append(" | ").append(millis(roster.stopTheWorldMaxMs())).append(' ')
                        .append(verdict(roster.stopTheWorldMaxMs() < STOP_THE_WORLD_TARGET_MS, roster.stopTheWorldMaxMs()))
                        .append(" (").append(kafkaStopTheWorld(report, size, event)).append(") |\n");
            }
        }
        out.append('\n');
        return out.toString();
    }

    private static String kafkaStopTheWorld(Report report, int size, RebalanceEvent event) {
        List<String> figures = new ArrayList<>();
        for (RebalanceContender contender : report.settings().contenders()) {
            if (contender.kafka()) {
                figures.add(millis(row(report, contender, size, event).stopTheWorldMaxMs()));
            }
        }
        return String.join(", ", figures);
    }

    private static String verdict(boolean met, double value) {
        return Double.isNaN(value) ? "**not judged** (no event counted)" : met ? "**met**" : "**not met**";
    }

    private static String method(RebalanceSettings settings) {
        return """
                How it is measured:

                - Blocks: for each group size, %d block(s); in each, every contender in turn runs a fresh group \
                (new group id) of its own consumers alone: start N consumers and wait until the group is settled, \
                then %d round(s) of four events: add one (N → N+1), close the longest-running one gracefully \
                (N+1 → N), add one, kill that newest one (N+1 → N). Before a contender's first block of a size, \
                %d unmeasured add and close pair(s) warm it up.
                - Settled: no consumer has failed; every partition is owned by exactly one live consumer (as its \
                rebalance listener was told: `ConsumerRebalanceListener` or Roster's `PartitionListener`); each \
                owns the floor or the ceiling of partitions / consumers; each partition's latest record was \
                processed by its owner within the last second; all this unchanged for %d ms; and the coordinator \
                agrees (Kafka: `describeConsumerGroups` says `Stable`, the same members, each assigned what it \
                owns and, for KIP-848, its target; Roster: the admin API says `STABLE`, the same members, each \
                assigned what it owns, nothing pending or awaited).
                - Event time: `System.nanoTime()` just before the action, taken after the group had been settled \
                for a quarter longer than the previous event of the same kind took to converge (at least %d ms, at most 120 s), \
                so that the noise window below fits. The consumer of an add is built before (its thread, or its \
                Vert.x instance); the action starts it: it builds its Kafka client and joins (Roster: `start()`; \
                Kafka: `new KafkaConsumer`, `subscribe`, first `poll`). A close is `close()` (Kafka: \
                `LEAVE_GROUP`); a kill is in the contenders' table.
                - Every record a consumer processes is noted with its partition, the consumer and the time. \
                Convergence: for the final owners (once the group has settled again), the latest over partitions \
                of the first record the partition's final owner processed at or after the event, minus the event \
                time. A partition whose owner did not change counts with its first record after the event.
                - Stop-the-world: over the partitions whose owner was the same before and after, the longest gap \
                between consecutive records from the last one before the event to the first one after the \
                convergence end. Noise floor: the same over the same partitions in an equally long window just \
                before the event (from the last record before it to the last one before the event); shorter only \
                when the group had been settled for less time, counted in the notes.
                - Percentiles by nearest rank over the events that counted: with fewer than 100 events, p99 is \
                the slowest. Events that failed (the group did not settle within 3 × session timeout + 30 s, or a \
                killed member was not listed right after its kill) are counted in brackets and listed below; \
                they are not in the figures. JVM CPU: the process's CPU time over the contender's blocks divided \
                by their wall time (broker, coordinator, producer and consumers together; two cores in all).
                - Kafka consumers: `KafkaConsumer` with `subscribe`, one poll thread each (100 ms poll), \
                `auto.offset.reset=latest`, `enable.auto.commit=false`; processed offsets are committed with \
                `commitAsync` once a second and with `commitSync` in `onPartitionsRevoked`. Roster consumers: \
                `RosterConsumer`, each on a Vert.x instance of its own with one event loop, SDK defaults \
                (periodic commit every second, 100 ms poll), `offsetReset=LATEST`. Handlers do nothing but note \
                the record.

                """.formatted(settings.blocks(), settings.rounds(), settings.warmupRounds(), settings.settleMs(),
                settings.settleMs());
    }

    private static String notes(Report report) {
        List<String> notes = new ArrayList<>();
        if (report.settings().smoke()) {
            notes.add("**This was a smoke run** (" + report.settings().measuredRounds() + " round(s) per contender and "
                    + "group size): its figures are not a measurement.");
        }
        notes.addAll(report.notes());
        for (EventSample sample : report.samples()) {
            if (!sample.ok()) {
                notes.add(sample.contender().label() + ", group of " + sample.groupSize() + ", block "
                        + (sample.block() + 1) + ", round " + (sample.round() + 1) + ", " + sample.event().label()
                        + ": failed: " + sample.failure());
            }
        }
        for (RebalanceContender contender : report.settings().contenders()) {
            for (int size : report.settings().sizes()) {
                for (RebalanceEvent event : RebalanceEvent.values()) {
                    Row row = row(report, contender, size, event);
                    List<EventAnalysis.Outcome> overMoved = report.samples().stream()
                            .filter(s -> s.ok() && s.contender() == contender && s.groupSize() == size
                                    && s.event() == event && s.outcome().extraMoved() > 0)
                            .map(EventSample::outcome).toList();
                    if (!overMoved.isEmpty()) {
                        notes.add(contender.label() + ", group of " + size + ", " + event.label() + ": "
                                + overMoved.size() + " event(s) moved more partitions than needed (the newcomer's "
                                + "share, the leaver's partitions): " + overMoved.stream()
                                .map(o -> o.moved() + " for " + o.needed() + " in " + millis(o.convergenceMillis())
                                        + " ms").collect(Collectors.joining("; ")));
                    }
                    if (row.shortNoiseWindows() > 0) {
                        notes.add(contender.label() + ", group of " + size + ", " + event.label() + ": the noise "
                                + "window of " + row.shortNoiseWindows() + " event(s) was shorter than the event's "
                                + "(the group had been settled for less time)");
                    }
                }
            }
        }
        notes.add("kafka-clients 4.4.0 sends the leave heartbeat of a dynamic KIP-848 member closed with "
                + "`REMAIN_IN_GROUP` (its log says it will not), so the broker reassigns its partitions at once: a "
                + "dynamic member of the new protocol cannot be stopped without leaving. KIP-848 victims are static "
                + "members instead (so the second add of each KIP-848 round is the join of a static member with a new "
                + "instance id, which the broker treats as any new member); closed with `REMAIN_IN_GROUP` they "
                + "send epoch -2 and the broker keeps them and "
                + "their partitions until the session timeout, which it counts from that heartbeat, so a real "
                + "crash would be detected up to one heartbeat interval sooner. Every kill is checked: the killed "
                + "member must still be listed by its coordinator right after it.");
        StringBuilder out = new StringBuilder("Notes from this run:\n\n");
        notes.forEach(note -> out.append("- ").append(note).append('\n'));
        return out.append('\n').toString();
    }

    private static double[] sorted(double[] values) {
        Arrays.sort(values);
        return values;
    }

    private static double max(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    private static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        return String.format(Locale.ROOT, ms >= 100 ? "%.0f" : "%.1f", ms);
    }

    private static String ratio(double roster, double other) {
        if (Double.isNaN(roster) || Double.isNaN(other) || other <= 0) {
            return "-";
        }
        double ratio = roster / other;
        return String.format(Locale.ROOT, ratio >= 0.1 ? "%.2f" : "%.4f", ratio);
    }
}
