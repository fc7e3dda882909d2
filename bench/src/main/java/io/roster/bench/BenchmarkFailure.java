package io.roster.bench;

/**
 * The run cannot give an honest figure: a wait timed out, the coordinator refused a call, or
 * the harness disagrees with the coordinator. The message says which; the run stops.
 */
final class BenchmarkFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BenchmarkFailure(String message) {
        super(message);
    }

    BenchmarkFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
