package io.roster.bench;

import java.io.IOException;

/**
 * The end of a benchmark program's {@code main}: it runs the benchmark, says why a run failed, and exits,
 * because Kafka, Hazelcast and Vert.x threads of a failed run must not keep the JVM alive.
 */
final class BenchmarkExit {

    /** A benchmark's body; it writes its report only when everything went well. */
    interface Body {
        void run() throws IOException;
    }

    private BenchmarkExit() {
    }

    /** Exits with 0 when {@code body} returns, with 1 (and the reason on stderr) when it throws. */
    static void afterRunning(String name, Body body) {
        int exitCode = 0;
        try {
            body.run();
        } catch (IOException | RuntimeException e) {
            System.err.println();
            System.err.println(name + " FAILED, nothing written: " + e.getMessage());
            e.printStackTrace(System.err);
            exitCode = 1;
        }
        System.exit(exitCode);
    }
}
