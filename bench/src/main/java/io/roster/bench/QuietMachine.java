package io.roster.bench;

/** Waits, bounded, for the machine to be quiet enough to measure on: it is shared with other work. */
final class QuietMachine {

    private static final long POLL_MS = 5_000;

    private QuietMachine() {
    }

    /**
     * Returns once the 1-minute load average is at most {@code maxLoad}, or after
     * {@code waitSeconds} anyway (saying so); returns the load average it measures at.
     */
    static String await(double maxLoad, int waitSeconds) {
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        boolean told = false;
        while (LoadAverage.lastMinute() > maxLoad) {
            if (System.nanoTime() > deadline) {
                System.out.printf("  load average still %s after %d s: measuring anyway%n", LoadAverage.now(),
                        waitSeconds);
                break;
            }
            if (!told) {
                System.out.printf("  load average %s is above %.1f: waiting (at most %d s)%n", LoadAverage.now(),
                        maxLoad, waitSeconds);
                told = true;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkFailure("interrupted while waiting for a quiet machine", e);
            }
        }
        return LoadAverage.now();
    }
}
