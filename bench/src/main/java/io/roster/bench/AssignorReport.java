package io.roster.bench;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The main class of {@code roster-benchmarks.jar}: compares Roster's assignors with Kafka
 * 4.4.0's and writes the result into {@code docs/benchmarks.md}.
 *
 * <ol>
 *   <li>Runs every (scenario, assignor) once in this JVM and checks the result is a valid
 *       assignment; it stops with exit code 1, naming each invalid result, before measuring
 *       anything. The same runs give balance and, for D, the partitions moved.</li>
 *   <li>Runs {@link AssignorBenchmark} through JMH (one forked JVM per trial) and takes the
 *       median of all samples of each (scenario, assignor).</li>
 *   <li>Replaces the generated section of the output file (or creates the file).</li>
 * </ol>
 *
 * Settings: see {@link ReportSettings}. Plain JMH stays available with
 * {@code java -cp bench/target/roster-benchmarks.jar org.openjdk.jmh.Main}.
 */
public final class AssignorReport {

    private AssignorReport() {
    }

    public static void main(String[] args) throws Exception {
        Instant started = Instant.now();
        String loadBefore = LoadAverage.now();
        ReportSettings settings = ReportSettings.fromSystemProperties();
        System.out.printf("Assignor comparison: scenarios %s, assignors %s; JMH %s%n", settings.scenarios(),
                settings.strategies(), settings.jmhSummary());

        Map<RowKey, ScenarioInputs.Outcome> outcomes = checkResults(settings);
        Map<RowKey, Timing> timings = measure(settings);

        Duration took = Duration.between(started, Instant.now());
        ReportData data = new ReportData(settings, MachineDescription.current(),
                LaunchCommand.of(AssignorReport.class), started, took, loadBefore, LoadAverage.now(), outcomes, timings);
        BenchmarkDoc.writeSection(settings.output(), BenchmarkDoc.section(data));
        System.out.println();
        System.out.println(BenchmarkDoc.tables(data));
        System.out.printf("Wrote %s (run took %s); JMH results in %s%n", settings.output(),
                BenchmarkDoc.duration(took), settings.results());
    }

    /** Which assignor on which scenario. */
    record RowKey(Scenario scenario, Contender contender) {
    }

    /** The median time of one (scenario, assignor) and how many samples it is the median of. */
    record Timing(double medianMillis, long samples) {
    }

    /** Everything a report shows. */
    record ReportData(ReportSettings settings, MachineDescription machine, String command, Instant started,
                      Duration took, String loadBefore, String loadAfter,
                      Map<RowKey, ScenarioInputs.Outcome> outcomes, Map<RowKey, Timing> timings) {
    }

    private static Map<RowKey, ScenarioInputs.Outcome> checkResults(ReportSettings settings) {
        Map<RowKey, ScenarioInputs.Outcome> outcomes = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (Scenario scenario : settings.scenarios()) {
            for (Strategy strategy : settings.strategies()) {
                ScenarioInputs inputs;
                try {
                    inputs = ScenarioInputs.build(scenario, strategy);
                } catch (RuntimeException e) {
                    // Building D runs both assignors on B: a failure there is a failed result too.
                    failures.add("scenario " + scenario.label() + ", " + strategy.rosterName() + ": building the input: "
                            + e);
                    continue;
                }
                for (Side side : Side.values()) {
                    Contender contender = Contender.of(side, strategy);
                    try {
                        ScenarioInputs.Outcome outcome = inputs.runOnce(side);
                        outcomes.put(new RowKey(scenario, contender), outcome);
                        System.out.printf("  checked %-7s %-18s valid, balance %d%s%n", scenario.label(),
                                contender.displayName(), outcome.balance(),
                                outcome.moved() < 0 ? "" : ", moved " + outcome.moved());
                    } catch (RuntimeException e) {
                        failures.add("scenario " + scenario.label() + ", " + contender.displayName() + ": " + e);
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            System.err.println();
            System.err.println("INVALID RESULTS: nothing measured, nothing written");
            failures.forEach(failure -> System.err.println("  " + failure));
            System.exit(1);
        }
        return outcomes;
    }

    /**
     * One JMH run per scenario, so that on a machine shared with other work each Roster trial
     * runs right next to the Kafka trial it is compared with.
     */
    private static Map<RowKey, Timing> measure(ReportSettings settings) throws RunnerException, IOException {
        List<RunResult> all = new ArrayList<>();
        for (Scenario scenario : settings.scenarios()) {
            Options options = new OptionsBuilder()
                    .include("^" + Pattern.quote(AssignorBenchmark.class.getName()) + "\\.")
                    .param("scenario", scenario.name())
                    .param("contender", settings.contenders().stream().map(Enum::name).toArray(String[]::new))
                    .mode(Mode.SampleTime)
                    .timeUnit(TimeUnit.MILLISECONDS)
                    .forks(settings.forks())
                    .warmupIterations(settings.warmupIterations())
                    .warmupTime(settings.warmupTime())
                    .measurementIterations(settings.iterations())
                    .measurementTime(settings.measurementTime())
                    // Forks get exactly these arguments, not this JVM's.
                    .jvmArgs()
                    .jvmArgsAppend(settings.jvmArgs().toArray(String[]::new))
                    .shouldFailOnError(true)
                    .build();
            all.addAll(new Runner(options).run());
        }
        Path results = settings.results();
        if (results.toAbsolutePath().getParent() != null) {
            Files.createDirectories(results.toAbsolutePath().getParent());
        }
        ResultFormatFactory.getInstance(ResultFormatType.JSON, results.toString()).writeOut(all);

        Map<RowKey, Timing> timings = new LinkedHashMap<>();
        for (RunResult run : all) {
            Scenario scenario = Scenario.valueOf(run.getParams().getParam("scenario"));
            Contender contender = Contender.valueOf(run.getParams().getParam("contender"));
            Result<?> primary = run.getPrimaryResult();
            timings.put(new RowKey(scenario, contender),
                    new Timing(primary.getStatistics().getPercentile(50.0), primary.getStatistics().getN()));
        }
        return timings;
    }
}
