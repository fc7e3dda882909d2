package io.roster.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommitPolicyTest {

    @Test
    void theDefaultCommitsEverySecond() {
        CommitPolicy policy = CommitPolicy.defaults();

        assertEquals(CommitPolicy.Mode.PERIODIC, policy.mode());
        assertEquals(Duration.ofSeconds(1), policy.interval());
        assertEquals("periodic(1000 ms)", policy.toString());
    }

    @Test
    void periodicKeepsItsInterval() {
        assertEquals(Duration.ofMillis(250), CommitPolicy.periodic(Duration.ofMillis(250)).interval());
    }

    @Test
    void afterBatchAndManualHaveNoInterval() {
        assertEquals(CommitPolicy.Mode.AFTER_BATCH, CommitPolicy.afterBatch().mode());
        assertNull(CommitPolicy.afterBatch().interval());
        assertEquals(CommitPolicy.Mode.MANUAL, CommitPolicy.manual().mode());
        assertNull(CommitPolicy.manual().interval());
        assertEquals("manual", CommitPolicy.manual().toString());
    }

    @Test
    void anIntervalMustBePositive() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> CommitPolicy.periodic(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> CommitPolicy.periodic(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> CommitPolicy.periodic(null));

        assertTrue(zero.getMessage().contains("interval"), zero.getMessage());
    }
}
