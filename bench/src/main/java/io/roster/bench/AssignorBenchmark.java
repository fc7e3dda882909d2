package io.roster.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Time per {@code assign} call of Roster's and Kafka 4.4.0's assignors on the scenarios of
 * {@link Scenario}. Each trial builds its scenario's input once, for both sides, outside the
 * measured region; the measured method is only the assignor call. The annotations are the
 * defaults of plain JMH use; {@link AssignorReport} sets its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AssignorBenchmark {

    @Param({"A", "B", "C", "D_JOIN", "D_LEAVE", "E"})
    public Scenario scenario;

    @Param({"ROSTER_UNIFORM", "KAFKA_UNIFORM", "ROSTER_RANGE", "KAFKA_RANGE"})
    public Contender contender;

    private PreparedCall<?> call;

    @Setup(Level.Trial)
    public void buildInputs() {
        call = ScenarioInputs.build(scenario, contender.strategy()).callFor(contender.side());
    }

    @Benchmark
    public Object assign() {
        return call.assign();
    }
}
