package io.roster.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link JoinConvergence} runs, from system properties (defaults shown):
 *
 * <pre>
 * bench.join.warmup              20    untimed joins before the measured ones, with push
 * bench.join.runs                100   measured joins, with push
 * bench.join.warmupWithoutPush   1
 * bench.join.runsWithoutPush     10    (each takes a heartbeat interval or two)
 * bench.join.configurations      push-1,no-push-1,push-3
 * bench.join.maxLoad             1.5   wait before each configuration while the 1-minute load is higher
 * bench.join.loadWaitSeconds     300   ... but at most this long (then measure anyway; the doc shows the load)
 * bench.join.output              docs/join-convergence.md
 * bench.join.timeline            false print what the members did in each join, with times
 * </pre>
 */
record JoinConvergenceSettings(List<JoinConfiguration> configurations, double maxLoad, int loadWaitSeconds,
                               Path output, boolean printTimelines) {

    private static final String PREFIX = "bench.join.";

    static JoinConvergenceSettings fromSystemProperties() {
        int warmup = BenchProperties.atLeast(PREFIX + "warmup", 20, 0);
        int runs = BenchProperties.atLeast(PREFIX + "runs", 100, 1);
        int warmupWithoutPush = BenchProperties.atLeast(PREFIX + "warmupWithoutPush", 1, 0);
        int runsWithoutPush = BenchProperties.atLeast(PREFIX + "runsWithoutPush", 10, 1);
        List<JoinConfiguration> chosen = new ArrayList<>();
        for (String name : Arrays.stream(BenchProperties.text(PREFIX + "configurations", "push-1,no-push-1,push-3")
                .split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList()) {
            chosen.add(switch (name) {
                case "push-1" -> new JoinConfiguration("1 node, push", 1, true, warmup, runs);
                case "no-push-1" -> new JoinConfiguration("1 node, no push", 1, false, warmupWithoutPush, runsWithoutPush);
                case "push-3" -> new JoinConfiguration("3 nodes, push", 3, true, warmup, runs);
                default -> throw new IllegalArgumentException(PREFIX + "configurations: unknown '" + name
                        + "'; known: push-1, no-push-1, push-3");
            });
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + "configurations names none");
        }
        return new JoinConvergenceSettings(List.copyOf(chosen), BenchProperties.decimal(PREFIX + "maxLoad", 1.5),
                BenchProperties.atLeast(PREFIX + "loadWaitSeconds", 300, 0),
                Path.of(BenchProperties.text(PREFIX + "output", "docs/join-convergence.md")),
                Boolean.parseBoolean(BenchProperties.text(PREFIX + "timeline", "false")));
    }
}
