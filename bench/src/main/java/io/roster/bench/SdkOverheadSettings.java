package io.roster.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What {@link SdkOverheadBench} runs, from system properties (defaults shown):
 *
 * <pre>
 * bench.sdk.records            1000000  records in the topic; every run reads all of them
 * bench.sdk.partitions         12
 * bench.sdk.valueBytes         100      bytes of each value (keys are null)
 * bench.sdk.runs               10       measured runs of each consumer, alternating raw, SDK, raw, ...
 * bench.sdk.warmup             1        runs of each before those, alternating too, not in the statistics
 * bench.sdk.maxLoad            1.5      wait before the first run while the 1-minute load is higher
 * bench.sdk.loadWaitSeconds    300      ... but at most this long (then measure anyway; the doc shows the load)
 * bench.sdk.runTimeoutSeconds  300      a run that has not read every record by then stops the benchmark
 * bench.sdk.consumers          raw,sdk  one of them alone (for a profile): prints, writes nothing
 * bench.sdk.output             docs/benchmarks.md   (blank: print only)
 * </pre>
 */
record SdkOverheadSettings(int records, int partitions, int valueBytes, int runs, int warmup, double maxLoad,
                           int loadWaitSeconds, int runTimeoutSeconds, List<ConsumerKind> consumers, Path output) {

    static final int DEFAULT_RECORDS = 1_000_000;
    static final int DEFAULT_RUNS = 10;
    private static final String PREFIX = "bench.sdk.";

    /** The two consumers compared. */
    enum ConsumerKind {
        RAW("raw vertx-kafka-client"), SDK("Roster SDK");

        final String label;

        ConsumerKind(String label) {
            this.label = label;
        }
    }

    static SdkOverheadSettings fromSystemProperties() {
        int partitions = BenchProperties.atLeast(PREFIX + "partitions", 12, 1);
        List<ConsumerKind> consumers = Arrays.stream(BenchProperties.text(PREFIX + "consumers", "raw,sdk").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).distinct().map(SdkOverheadSettings::kind).toList();
        if (consumers.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + "consumers names none; known: raw, sdk");
        }
        // Not BenchProperties.text: a blank output is a choice (print only), not a missing setting.
        String output = System.getProperty(PREFIX + "output", "docs/benchmarks.md").trim();
        return new SdkOverheadSettings(BenchProperties.atLeast(PREFIX + "records", DEFAULT_RECORDS, partitions),
                partitions, BenchProperties.atLeast(PREFIX + "valueBytes", 100, 1),
                BenchProperties.atLeast(PREFIX + "runs", DEFAULT_RUNS, 1), BenchProperties.atLeast(PREFIX + "warmup", 1, 0),
                BenchProperties.decimal(PREFIX + "maxLoad", 1.5), BenchProperties.atLeast(PREFIX + "loadWaitSeconds", 300, 0),
                BenchProperties.atLeast(PREFIX + "runTimeoutSeconds", 300, 1), consumers,
                output.isEmpty() ? null : Path.of(output));
    }

    /** Fewer records or runs than a measurement has: the document says so. */
    boolean smoke() {
        return records < DEFAULT_RECORDS || runs < DEFAULT_RUNS;
    }

    /** Both consumers ran, so there is a comparison to write. */
    boolean compares() {
        return consumers.size() == 2;
    }

    private static ConsumerKind kind(String name) {
        try {
            return ConsumerKind.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + "consumers: unknown '" + name + "'; known: raw, sdk", e);
        }
    }
}
