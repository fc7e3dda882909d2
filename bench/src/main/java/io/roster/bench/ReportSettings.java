package io.roster.bench;

import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What {@link AssignorReport} runs, from system properties; the defaults make the full run
 * (6 scenarios x 4 assignors) take about ten minutes on two cores.
 *
 * <pre>
 * bench.forks               1
 * bench.warmupIterations    3
 * bench.warmupTime          2s
 * bench.iterations          5
 * bench.measurementTime     2s
 * bench.scenarios           A,B,C,D_JOIN,D_LEAVE,E
 * bench.assignors           uniform,range
 * bench.jvmArgs             -Xms2g -Xmx2g   (of each forked benchmark JVM)
 * bench.output              docs/benchmarks.md
 * bench.results             bench/results/assignors.json   (JMH's own JSON)
 * </pre>
 */
record ReportSettings(int forks, int warmupIterations, TimeValue warmupTime, int iterations,
                      TimeValue measurementTime, List<Scenario> scenarios, List<Strategy> strategies,
                      List<String> jvmArgs, Path output, Path results) {

    static final String PREFIX = "bench.";

    static ReportSettings fromSystemProperties() {
        return new ReportSettings(
                positive("forks", 1),
                nonNegative("warmupIterations", 3),
                time("warmupTime", "2s"),
                positive("iterations", 5),
                time("measurementTime", "2s"),
                list("scenarios", "A,B,C,D_JOIN,D_LEAVE,E").stream().map(Scenario::parse).distinct().sorted().toList(),
                list("assignors", "uniform,range").stream().map(Strategy::parse).distinct().sorted().toList(),
                Arrays.stream(property("jvmArgs", "-Xms2g -Xmx2g").trim().split("\\s+"))
                        .filter(s -> !s.isEmpty()).toList(),
                Path.of(property("output", "docs/benchmarks.md")),
                Path.of(property("results", "bench/results/assignors.json")));
    }

    List<Contender> contenders() {
        List<Contender> result = new ArrayList<>();
        for (Strategy strategy : strategies) {
            result.add(Contender.of(Side.ROSTER, strategy));
            result.add(Contender.of(Side.KAFKA, strategy));
        }
        return result;
    }

    /** E.g. {@code 1 fork, 3 warmup x 2 s, 5 x 2 s}. */
    String jmhSummary() {
        return forks + (forks == 1 ? " fork, " : " forks, ") + warmupIterations + " warmup x " + seconds(warmupTime)
                + ", " + iterations + " x " + seconds(measurementTime);
    }

    private static String seconds(TimeValue time) {
        long millis = time.convertTo(TimeUnit.MILLISECONDS);
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }

    private static String property(String name, String fallback) {
        return BenchProperties.text(PREFIX + name, fallback);
    }

    private static int positive(String name, int fallback) {
        return BenchProperties.atLeast(PREFIX + name, fallback, 1);
    }

    private static int nonNegative(String name, int fallback) {
        return BenchProperties.atLeast(PREFIX + name, fallback, 0);
    }

    private static TimeValue time(String name, String fallback) {
        String text = property(name, fallback).trim();
        try {
            return TimeValue.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + name + " must be a duration such as 2s or 500ms: '" + text + "'",
                    e);
        }
    }

    private static List<String> list(String name, String fallback) {
        return Arrays.stream(property(name, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
