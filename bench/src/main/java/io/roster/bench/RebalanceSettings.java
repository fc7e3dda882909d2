package io.roster.bench;

import java.util.Arrays;
import java.util.List;

/**
 * What {@link RebalanceBench} runs, from system properties (defaults shown):
 *
 * <pre>
 * bench.rebalance.sizes             10,30  group sizes (consumers before each add)
 * bench.rebalance.contenders        ROSTER,CLASSIC_DEFAULT,CLASSIC_TUNED,CONSUMER_DEFAULT,CONSUMER_MIN
 * bench.rebalance.blocks            2      blocks per group size: every contender once per block, in turn
 * bench.rebalance.rounds            5      rounds per block; a round is add, close, add, kill
 * bench.rebalance.warmupRounds      1      unmeasured add + close before a contender's first block of a size
 * bench.rebalance.partitions        120
 * bench.rebalance.ratePerPartition  50     records/s produced to each partition, all run long
 * bench.rebalance.settleMs          2000   a group is settled once nothing changed for this long
 * bench.rebalance.minHeartbeatMs    1      CONSUMER_MIN's heartbeat interval (the broker's lower bound is set to it)
 * bench.rebalance.maxLoad           1.5    wait before the run while the 1-minute load is higher
 * bench.rebalance.loadWaitSeconds   300    ... but at most this long
 * bench.rebalance.output            docs/benchmarks.md  (empty: print only)
 * </pre>
 */
record RebalanceSettings(List<Integer> sizes, List<RebalanceContender> contenders, int blocks, int rounds,
                         int warmupRounds, int partitions, int ratePerPartition, long settleMs, long minHeartbeatMs,
                         double maxLoad, int loadWaitSeconds, String output) {

    static final String PREFIX = "bench.rebalance.";
    private static final List<Integer> DEFAULT_SIZES = List.of(10, 30);
    private static final List<RebalanceContender> DEFAULT_CONTENDERS = List.of(RebalanceContender.values());
    private static final int DEFAULT_BLOCKS = 2;
    private static final int DEFAULT_ROUNDS = 5;
    private static final int DEFAULT_WARMUP_ROUNDS = 1;
    private static final int DEFAULT_PARTITIONS = 120;
    private static final int DEFAULT_RATE_PER_PARTITION = 50;
    /** The issue asks for at least this many events of each type per contender and group size. */
    static final int EVENTS_ASKED = 10;

    static RebalanceSettings fromSystemProperties() {
        List<Integer> sizes = Arrays.stream(BenchProperties.text(PREFIX + "sizes", join(DEFAULT_SIZES)).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(RebalanceSettings::size).distinct().toList();
        List<RebalanceContender> contenders = Arrays.stream(BenchProperties.text(PREFIX + "contenders",
                        join(DEFAULT_CONTENDERS)).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(RebalanceContender::parse).distinct().toList();
        if (sizes.isEmpty() || contenders.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + "sizes and " + PREFIX + "contenders must name at least one");
        }
        int partitions = BenchProperties.atLeast(PREFIX + "partitions", DEFAULT_PARTITIONS, 1);
        if (sizes.stream().anyMatch(size -> size + 1 > partitions)) {
            throw new IllegalArgumentException("every group size + 1 must be at most " + PREFIX + "partitions ("
                    + partitions + "): a consumer without partitions cannot show that it consumes");
        }
        return new RebalanceSettings(sizes, contenders, BenchProperties.atLeast(PREFIX + "blocks", DEFAULT_BLOCKS, 1),
                BenchProperties.atLeast(PREFIX + "rounds", DEFAULT_ROUNDS, 1),
                BenchProperties.atLeast(PREFIX + "warmupRounds", DEFAULT_WARMUP_ROUNDS, 0),
                partitions, BenchProperties.atLeast(PREFIX + "ratePerPartition", DEFAULT_RATE_PER_PARTITION, 1),
                BenchProperties.atLeast(PREFIX + "settleMs", 2000, 200),
                BenchProperties.atLeast(PREFIX + "minHeartbeatMs", 1, 1), BenchProperties.decimal(PREFIX + "maxLoad", 1.5),
                BenchProperties.atLeast(PREFIX + "loadWaitSeconds", 300, 0),
                // Not BenchProperties.text: an empty value means "print only", not the default.
                System.getProperty(PREFIX + "output", "docs/benchmarks.md").trim());
    }

    private static int size(String text) {
        try {
            int size = Integer.parseInt(text);
            if (size < 1) {
                throw new IllegalArgumentException(PREFIX + "sizes: a group has at least one consumer: " + size);
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + "sizes must be whole numbers: '" + text + "'", e);
        }
    }

    /** These settings with the run's shape (sizes, contenders, counts, topic, rate) at the defaults: a full run. */
    RebalanceSettings withDefaultShape() {
        return new RebalanceSettings(DEFAULT_SIZES, DEFAULT_CONTENDERS, DEFAULT_BLOCKS, DEFAULT_ROUNDS,
                DEFAULT_WARMUP_ROUNDS, DEFAULT_PARTITIONS, DEFAULT_RATE_PER_PARTITION, settleMs, minHeartbeatMs, maxLoad,
                loadWaitSeconds, output);
    }

    private static String join(List<?> values) {
        return String.join(",", values.stream().map(v -> v instanceof Enum<?> e ? e.name() : v.toString()).toList());
    }

    /** Records per second over all partitions. */
    int totalRate() {
        return partitions * ratePerPartition;
    }

    /** Measured rounds per contender and group size: each gives two adds, one close and one kill. */
    int measuredRounds() {
        return blocks * rounds;
    }

    /** Fewer events of a type than the issue asks for: a smoke run, whatever its figures say. */
    boolean smoke() {
        return measuredRounds() < EVENTS_ASKED;
    }

    /** The settings as {@code -D} flags, defaults and all, for the report. */
    String flags() {
        return String.join(" ", List.of(
                flag("sizes", join(sizes)), flag("contenders", join(contenders)),
                flag("blocks", blocks), flag("rounds", rounds), flag("warmupRounds", warmupRounds),
                flag("partitions", partitions), flag("ratePerPartition", ratePerPartition), flag("settleMs", settleMs),
                flag("minHeartbeatMs", minHeartbeatMs), flag("maxLoad", maxLoad),
                flag("loadWaitSeconds", loadWaitSeconds), flag("output", output)));
    }

    private static String flag(String key, Object value) {
        return "`-D" + PREFIX + key + "=" + value + "`";
    }
}
