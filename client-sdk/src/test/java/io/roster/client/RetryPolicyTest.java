package io.roster.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static List<Long> waits(RetryPolicy policy, int failures) {
        return IntStream.rangeClosed(1, failures).mapToObj(policy::backoffMillis).toList();
    }

    @Test
    void theDefaultsDeliverThreeTimesWaiting100Then200Ms() {
        RetryPolicy policy = RetryPolicy.defaults();

        assertEquals(3, policy.maxAttempts());
        assertEquals(List.of(100L, 200L), waits(policy, 2));
    }

    @Test
    void waitsGrowByTheMultiplierUpToTheLongest() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), 2.0, Duration.ofMillis(1000));

        assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L), waits(policy, 6));
        assertEquals(1000L, policy.backoffMillis(10_000), "a huge exponent is still capped");
    }

    @Test
    void aFractionalMultiplierRoundsEachWaitDown() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), 1.5, Duration.ofSeconds(1));

        assertEquals(List.of(100L, 150L, 225L, 337L), waits(policy, 4));
    }

    @Test
    void nothingFailedYetWaitsTheInitialBackoff() {
        assertEquals(100L, RetryPolicy.defaults().backoffMillis(0));
    }

    @Test
    void attemptsWaitsTheSameEachTime() {
        RetryPolicy policy = RetryPolicy.attempts(4, Duration.ofMillis(250));

        assertEquals(4, policy.maxAttempts());
        assertEquals(List.of(250L, 250L, 250L, 250L), waits(policy, 4));
    }

    @Test
    void noWaitIsAllowed() {
        assertEquals(List.of(0L, 0L), waits(RetryPolicy.attempts(3, Duration.ZERO), 2));
    }

    @Test
    void badBoundsAreRefusedNamingTheField() {
        Duration second = Duration.ofSeconds(1);
        assertRefused("maxAttempts", () -> new RetryPolicy(0, second, 2.0, second));
        assertRefused("initialBackoff", () -> new RetryPolicy(3, Duration.ofMillis(-1), 2.0, second));
        assertRefused("initialBackoff", () -> new RetryPolicy(3, null, 2.0, second));
        assertRefused("multiplier", () -> new RetryPolicy(3, second, 0.5, second));
        assertRefused("multiplier", () -> new RetryPolicy(3, second, Double.NaN, second));
        assertRefused("maxBackoff", () -> new RetryPolicy(3, second, 2.0, Duration.ofMillis(999)));
        assertRefused("maxBackoff", () -> new RetryPolicy(3, second, 2.0, null));
    }

    private static void assertRefused(String field, Runnable construction) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, construction::run);
        assertTrue(refused.getMessage().startsWith(field), refused.getMessage());
    }
}
