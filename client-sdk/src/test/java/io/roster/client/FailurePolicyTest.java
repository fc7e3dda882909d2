package io.roster.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FailurePolicyTest {

    @Test
    void theDefaultDeadLetterTopicIsTheTopicWithDlq() {
        FailurePolicy policy = FailurePolicy.deadLetter();

        assertEquals(FailurePolicy.Action.DEAD_LETTER, policy.action());
        assertEquals("orders.dlq", policy.deadLetterTopic("orders"));
    }

    @Test
    void aCustomNamingGivesTheTopic() {
        FailurePolicy policy = FailurePolicy.deadLetter(topic -> "dead-" + topic);

        assertEquals("dead-orders", policy.deadLetterTopic("orders"));
        assertEquals("dead-audit", policy.deadLetterTopic("audit"));
    }

    @Test
    void aNamingThatGivesNoTopicIsAnErrorNamingTheRecordTopic() {
        IllegalStateException blank = assertThrows(IllegalStateException.class,
                () -> FailurePolicy.deadLetter(topic -> " ").deadLetterTopic("orders"));
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> FailurePolicy.deadLetter(topic -> null).deadLetterTopic("orders"));

        assertTrue(blank.getMessage().contains("'orders'"), blank.getMessage());
        assertTrue(none.getMessage().contains("'orders'"), none.getMessage());
    }

    @Test
    void stopAndSkipHaveNoDeadLetterTopic() {
        assertThrows(IllegalStateException.class, () -> FailurePolicy.stop().deadLetterTopic("orders"));
        assertThrows(IllegalStateException.class, () -> FailurePolicy.skip().deadLetterTopic("orders"));
        assertEquals(FailurePolicy.Action.STOP, FailurePolicy.stop().action());
        assertEquals(FailurePolicy.Action.SKIP, FailurePolicy.skip().action());
    }

    @Test
    void aNamingIsRequired() {
        assertThrows(NullPointerException.class, () -> FailurePolicy.deadLetter(null));
    }
}
