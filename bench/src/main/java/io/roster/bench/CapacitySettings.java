package io.roster.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@link CapacityBench} runs, from system properties (defaults shown):
 *
 * <pre>
 * bench.capacity.steps                1,4,16,64,256   requests in flight, one closed-loop step each
 * bench.capacity.warmup               3s              per step, before measuring
 * bench.capacity.time                 10s             measured per step
 * bench.capacity.batches              1,10,100        partitions per commit
 * bench.capacity.partitions           100             partitions of the topic (at least the largest batch)
 * bench.capacity.heartbeatGroupSize   10              members per group of the heartbeat members
 * bench.capacity.modes                sync,async      the coordinator's offsets.durability, one process each
 * bench.capacity.parts                heartbeats,commits,kafka
 * bench.capacity.http                 1.1             or 2 (h2c with prior knowledge)
 * bench.capacity.clientThreads        2               event loops of the load generator
 * bench.capacity.kafkaConsumers       64              at most this many KafkaConsumers (one thread each)
 * bench.capacity.kafkaGroupProtocol   classic         the consumers' group.protocol (classic or consumer)
 * bench.capacity.coordinatorJvmArgs   -Xms1g,-Xmx1g   (commas between arguments: BENCH_JVM_ARGS splits at spaces)
 * bench.capacity.brokerJvmArgs        -Xms1g,-Xmx1g   (as Kafka's own start script)
 * bench.capacity.requestTimeout       10s             a request without an answer by then is an error
 * bench.capacity.maxLoad              1.5             wait before each part while the 1-minute load is higher
 * bench.capacity.loadWaitSeconds      300             ... but at most this long
 * bench.capacity.output               docs/benchmarks.md   (empty: print only)
 * bench.capacity.logs                 bench/target/capacity   the broker's and coordinators' logs
 * </pre>
 */
record CapacitySettings(List<Integer> steps, Duration warmup, Duration time, List<Integer> batches, int partitions,
                        int heartbeatGroupSize, List<String> modes, Set<Part> parts, String http, int clientThreads,
                        int kafkaConsumers, String kafkaGroupProtocol, List<String> coordinatorJvmArgs, List<String> brokerJvmArgs,
                        Duration requestTimeout, double maxLoad, int loadWaitSeconds, String output, Path logs) {

    static final String PREFIX = "bench.capacity.";

    /** The parts of a run. */
    enum Part {
        HEARTBEATS, COMMITS, KAFKA
    }

    /** Every setting with its default, in the order of the class comment: the doc quotes them. */
    static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("steps", "1,4,16,64,256");
        defaults.put("warmup", "3s");
        defaults.put("time", "10s");
        defaults.put("batches", "1,10,100");
        defaults.put("partitions", "100");
        defaults.put("heartbeatGroupSize", "10");
        defaults.put("modes", "sync,async");
        defaults.put("parts", "heartbeats,commits,kafka");
        defaults.put("http", "1.1");
        defaults.put("clientThreads", "2");
        defaults.put("kafkaConsumers", "64");
        defaults.put("kafkaGroupProtocol", "classic");
        defaults.put("coordinatorJvmArgs", "-Xms1g,-Xmx1g");
        defaults.put("brokerJvmArgs", "-Xms1g,-Xmx1g");
        defaults.put("requestTimeout", "10s");
        defaults.put("maxLoad", "1.5");
        defaults.put("loadWaitSeconds", "300");
        defaults.put("output", "docs/benchmarks.md");
        defaults.put("logs", "bench/target/capacity");
        return Collections.unmodifiableMap(defaults);
    }

    static CapacitySettings fromSystemProperties() {
        List<Integer> batches = BenchProperties.numbers(key("batches"), DEFAULTS.get("batches"), 1);
        int partitions = BenchProperties.atLeast(key("partitions"), Integer.parseInt(DEFAULTS.get("partitions")), 1);
        int largestBatch = batches.stream().mapToInt(Integer::intValue).max().orElse(1);
        if (largestBatch > partitions) {
            throw new IllegalArgumentException(key("batches") + ": a batch of " + largestBatch + " needs at least as many"
                    + " partitions, " + key("partitions") + " is " + partitions);
        }
        List<String> modes = BenchProperties.words(key("modes"), DEFAULTS.get("modes")).stream()
                .map(m -> m.toLowerCase(Locale.ROOT)).toList();
        if (modes.isEmpty() || !List.of("sync", "async").containsAll(modes)) {
            throw new IllegalArgumentException(key("modes") + " must name sync, async or both: " + modes);
        }
        Set<Part> parts = EnumSet.noneOf(Part.class);
        for (String part : BenchProperties.words(key("parts"), DEFAULTS.get("parts"))) {
            try {
                parts.add(Part.valueOf(part.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key("parts") + ": unknown '" + part + "'; known: heartbeats, commits,"
                        + " kafka", e);
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException(key("parts") + " names none");
        }
        String http = text("http");
        if (!http.equals("1.1") && !http.equals("2")) {
            throw new IllegalArgumentException(key("http") + " must be 1.1 or 2: '" + http + "'");
        }
        String groupProtocol = text("kafkaGroupProtocol").toLowerCase(Locale.ROOT);
        if (!groupProtocol.equals("classic") && !groupProtocol.equals("consumer")) {
            throw new IllegalArgumentException(key("kafkaGroupProtocol") + " must be classic or consumer: '"
                    + groupProtocol + "'");
        }
        return new CapacitySettings(BenchProperties.numbers(key("steps"), DEFAULTS.get("steps"), 1),
                duration("warmup"), duration("time"), batches, partitions,
                BenchProperties.atLeast(key("heartbeatGroupSize"), Integer.parseInt(DEFAULTS.get("heartbeatGroupSize")), 1),
                modes, Collections.unmodifiableSet(parts), http,
                BenchProperties.atLeast(key("clientThreads"), Integer.parseInt(DEFAULTS.get("clientThreads")), 1),
                BenchProperties.atLeast(key("kafkaConsumers"), Integer.parseInt(DEFAULTS.get("kafkaConsumers")), 1),
                groupProtocol, jvmArgs("coordinatorJvmArgs"), jvmArgs("brokerJvmArgs"), duration("requestTimeout"),
                BenchProperties.decimal(key("maxLoad"), Double.parseDouble(DEFAULTS.get("maxLoad"))),
                BenchProperties.atLeast(key("loadWaitSeconds"), Integer.parseInt(DEFAULTS.get("loadWaitSeconds")), 0),
                System.getProperty(key("output"), DEFAULTS.get("output")).trim(), Path.of(text("logs")));
    }

    int maxSteps() {
        return steps.stream().mapToInt(Integer::intValue).max().orElse(1);
    }

    /** Closed-loop steps of the whole run, each {@code warmup + time} long. */
    int stepCount() {
        int perMode = (parts.contains(Part.COMMITS) ? batches.size() * steps.size() : 0);
        return (parts.contains(Part.HEARTBEATS) ? steps.size() : 0) + perMode * modes.size()
                + (parts.contains(Part.KAFKA) ? batches.size() * steps.size() : 0);
    }

    /**
     * The settings given that differ from their defaults, as {@code -Dkey=value} (shell-quoted when needed): what
     * {@code BENCH_JVM_ARGS} held.
     */
    List<String> givenArguments() {
        List<String> given = new ArrayList<>();
        for (String name : DEFAULTS.keySet()) {
            String value = System.getProperty(key(name));
            if (value != null && !value.equals(DEFAULTS.get(name))) {
                String argument = "-D" + key(name) + "=" + value;
                given.add(argument.matches("[A-Za-z0-9_./=:,@%+-]+") ? argument : "'" + argument + "'");
            }
        }
        return given;
    }

    /** Shorter steps, fewer steps or fewer parts than the defaults: figures to look at, not to quote. */
    boolean smoke() {
        return warmup.compareTo(Duration.ofSeconds(3)) < 0 || time.compareTo(Duration.ofSeconds(10)) < 0
                || !steps.containsAll(List.of(1, 4, 16, 64, 256)) || !batches.containsAll(List.of(1, 10, 100))
                || parts.size() < Part.values().length || modes.size() < 2;
    }

    static String key(String name) {
        return PREFIX + name;
    }

    private static String text(String name) {
        return BenchProperties.text(key(name), DEFAULTS.get(name)).trim();
    }

    /** Arguments separated by commas (or spaces, when given other than through the script). */
    private static List<String> jvmArgs(String name) {
        return BenchProperties.words(key(name), DEFAULTS.get(name)).stream()
                .flatMap(word -> Arrays.stream(word.split("\\s+"))).filter(a -> !a.isEmpty()).toList();
    }

    private static Duration duration(String name) {
        return BenchProperties.duration(key(name), DEFAULTS.get(name));
    }
}
