package io.roster.assignor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TopicPartitionSetTest {

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    /** payments-7, orders-2, orders-0, payments-7 again, orders-2 again: built out of order. */
    private static TopicPartitionSet ordersAndPayments() {
        return TopicPartitionSet.builder()
                .add("payments", 7)
                .add("orders", 2)
                .add(tp("orders", 0))
                .add("payments", 7)
                .addAll(List.of(tp("orders", 2), tp("orders", 11)))
                .build();
    }

    @Test
    void builderKeepsEachPartitionOnceAndSortsByTopicThenPartition() {
        TopicPartitionSet set = ordersAndPayments();

        assertEquals(4, set.size());
        assertEquals(List.of(tp("orders", 0), tp("orders", 2), tp("orders", 11), tp("payments", 7)),
                new ArrayList<>(set));
    }

    @Test
    void partitionsAreOrderedNumericallyNotAsText() {
        TopicPartitionSet set = TopicPartitionSet.ofTopic("t", 10, 9, 100, 2);

        assertArrayEquals(new int[] {2, 9, 10, 100}, set.partitions("t"));
    }

    @Test
    void equalsAndHashCodeAgreeWithHashSetOfTheSameElementsBothWays() {
        TopicPartitionSet set = ordersAndPayments();
        Set<TopicPartition> hashSet = new HashSet<>(List.of(
                tp("payments", 7), tp("orders", 11), tp("orders", 0), tp("orders", 2)));

        assertEquals(hashSet, set);
        assertEquals(set, hashSet);
        assertEquals(hashSet.hashCode(), set.hashCode());
    }

    @Test
    void isNotEqualToSetsThatDifferInOnePartitionOrTopicEitherWay() {
        TopicPartitionSet set = ordersAndPayments();
        Set<TopicPartition> otherPartition = new HashSet<>(List.of(
                tp("payments", 7), tp("orders", 11), tp("orders", 0), tp("orders", 3)));
        Set<TopicPartition> otherTopic = new HashSet<>(List.of(
                tp("refunds", 7), tp("orders", 11), tp("orders", 0), tp("orders", 2)));
        Set<TopicPartition> oneMore = new HashSet<>(set);
        oneMore.add(tp("orders", 1));

        for (Set<TopicPartition> other : List.of(otherPartition, otherTopic, oneMore)) {
            assertNotEquals(other, set);
            assertNotEquals(set, other);
            assertNotEquals(TopicPartitionSet.copyOf(other), set);
            assertNotEquals(set, TopicPartitionSet.copyOf(other));
        }
    }

    @Test
    void setsBuiltInDifferentOrdersAreEqualWithEqualHashCodes() {
        TopicPartitionSet forward = TopicPartitionSet.of(tp("a", 1), tp("a", 2), tp("b", 0));
        TopicPartitionSet backward = TopicPartitionSet.of(tp("b", 0), tp("a", 2), tp("a", 1));

        assertEquals(forward, backward);
        assertEquals(forward.hashCode(), backward.hashCode());
    }

    @Test
    void containsExactlyItsElements() {
        TopicPartitionSet set = ordersAndPayments();

        assertTrue(set.contains(tp("orders", 11)));
        assertTrue(set.contains("payments", 7));
        assertFalse(set.contains(tp("orders", 1)));
        assertFalse(set.contains("payments", 2));
        assertFalse(set.contains("refunds", 0), "unknown topic");
        assertFalse(set.contains("orders-0"), "not a TopicPartition");
        assertFalse(set.contains(null));
        assertTrue(set.containsAll(List.of(tp("orders", 0), tp("payments", 7))));
    }

    @Test
    void iteratesInTopicThenPartitionOrderAndThenStops() {
        Iterator<TopicPartition> it = TopicPartitionSet.of(tp("b", 1), tp("a", 3), tp("b", 0)).iterator();

        assertEquals(tp("a", 3), it.next());
        assertEquals(tp("b", 0), it.next());
        assertEquals(tp("b", 1), it.next());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void indexAccessorsWalkTopicsAndTheirPartitionsInOrder() {
        TopicPartitionSet set = ordersAndPayments();

        assertEquals(2, set.topicCount());
        assertEquals("orders", set.topicAt(0));
        assertEquals("payments", set.topicAt(1));
        assertEquals(3, set.partitionCountAt(0));
        assertEquals(1, set.partitionCountAt(1));
        assertEquals(0, set.partitionAt(0, 0));
        assertEquals(2, set.partitionAt(0, 1));
        assertEquals(11, set.partitionAt(0, 2));
        assertEquals(7, set.partitionAt(1, 0));
    }

    @Test
    void partitionsOfATopicIsACopyAndEmptyForAnUnknownTopic() {
        TopicPartitionSet set = ordersAndPayments();

        int[] orders = set.partitions("orders");
        assertArrayEquals(new int[] {0, 2, 11}, orders);
        orders[0] = 99;
        assertArrayEquals(new int[] {0, 2, 11}, set.partitions("orders"), "changing the copy changes nothing");
        assertTrue(set.contains("orders", 0));
        assertArrayEquals(new int[0], set.partitions("refunds"));
    }

    @Test
    void toStringListsPartitionsPerTopic() {
        assertEquals("{orders=[0, 2, 11], payments=[7]}", ordersAndPayments().toString());
        assertEquals("{}", TopicPartitionSet.empty().toString());
    }

    @Test
    void copyOfDeduplicatesAndSortsAnyCollection() {
        TopicPartitionSet copy = TopicPartitionSet.copyOf(
                Arrays.asList(tp("b", 1), tp("a", 0), tp("b", 1), tp("a", 0)));

        assertEquals(List.of(tp("a", 0), tp("b", 1)), new ArrayList<>(copy));
    }

    @Test
    void copyOfATopicPartitionSetIsTheSameInstance() {
        TopicPartitionSet set = ordersAndPayments();

        assertSame(set, TopicPartitionSet.copyOf(set));
    }

    @Test
    void copyOfRejectsANullElement() {
        List<TopicPartition> withNull = Arrays.asList(tp("a", 0), null);

        assertThrows(IllegalArgumentException.class, () -> TopicPartitionSet.copyOf(withNull));
    }

    @Test
    void builderRejectsNegativePartitionsAndEmptyTopicNames() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> TopicPartitionSet.builder().add("orders", -1));
        assertTrue(negative.getMessage().contains("'orders'"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TopicPartitionSet.builder().add("", 0));
        assertThrows(IllegalArgumentException.class, () -> TopicPartitionSet.builder().add(null, 0));
    }

    @Test
    void emptySetHasNothingAndEqualsEveryEmptySet() {
        TopicPartitionSet empty = TopicPartitionSet.empty();

        assertTrue(empty.isEmpty());
        assertEquals(0, empty.size());
        assertEquals(0, empty.topicCount());
        assertFalse(empty.iterator().hasNext());
        assertFalse(empty.contains("orders", 0));
        assertEquals(Set.of(), empty);
        assertEquals(empty, Set.of());
        assertEquals(0, empty.hashCode());
        assertEquals(empty, TopicPartitionSet.builder().build());
        assertEquals(empty, TopicPartitionSet.copyOf(List.of()));
        assertEquals(empty, TopicPartitionSet.ofTopic("orders"));
        assertNotEquals(empty, TopicPartitionSet.ofTopic("orders", 0));
    }

    @Test
    void cannotBeModified() {
        TopicPartitionSet set = ordersAndPayments();

        assertThrows(UnsupportedOperationException.class, () -> set.add(tp("orders", 5)));
        assertThrows(UnsupportedOperationException.class, () -> set.remove(tp("orders", 0)));
        assertThrows(UnsupportedOperationException.class, set::clear);
        assertEquals(4, set.size());
    }

    @Test
    void aBuilderCanGoOnAfterBuildWithoutChangingWhatItBuilt() {
        TopicPartitionSet.Builder builder = TopicPartitionSet.builder().add("a", 1);
        TopicPartitionSet first = builder.build();
        TopicPartitionSet second = builder.add("a", 0).build();

        assertEquals(TopicPartitionSet.ofTopic("a", 1), first);
        assertEquals(TopicPartitionSet.ofTopic("a", 0, 1), second);
    }
}
