package io.roster.client;

import java.time.Duration;

/**
 * How often a failing record is delivered again before the {@link FailurePolicy} applies,
 * and how long the partition waits before each new delivery.
 *
 * @param maxAttempts deliveries of one record in all, the first included (1: no retry)
 * @param initialBackoff the wait before the second delivery
 * @param multiplier how much each further wait grows
 * @param maxBackoff the longest wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be 1 or more: " + maxAttempts);
        }
        if (initialBackoff == null || initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must be 0 or more: " + initialBackoff);
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be 1 or more: " + multiplier);
        }
        if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must be at least initialBackoff: " + maxBackoff);
        }
    }

    /** Three deliveries, waiting 100 ms then 200 ms (at most 5 s). */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(5));
    }

    public static RetryPolicy attempts(int maxAttempts, Duration backoff) {
        return new RetryPolicy(maxAttempts, backoff, 1.0, backoff);
    }

    /** The wait before delivery number {@code failedAttempts + 1}. */
    public long backoffMillis(int failedAttempts) {
        double wait = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        return (long) Math.min(wait, maxBackoff.toMillis());
    }
}
