package io.roster.assignor;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable, compact set of topic-partitions, ordered by topic name then partition.
 *
 * <p>It is a regular {@link java.util.Set} for callers, and at the same time gives the
 * assignors index-based access that allocates nothing: {@link #topicCount()},
 * {@link #topicAt(int)}, {@link #partitionCountAt(int)}, {@link #partitionAt(int, int)}.
 * An assignment of ten thousand members is ten thousand of these, not ten thousand hash sets.
 */
public final class TopicPartitionSet extends AbstractSet<TopicPartition> {

    private static final TopicPartitionSet EMPTY = new TopicPartitionSet(new String[0], new int[0][], 0);

    private final String[] topics;
    private final int[][] partitions;
    private final int size;

    private TopicPartitionSet(String[] topics, int[][] partitions, int size) {
        this.topics = topics;
        this.partitions = partitions;
        this.size = size;
    }

    /**
     * Wraps arrays that are already in canonical form, without copying: topics sorted and
     * distinct, each partition array non-empty, sorted and distinct. Only for code of this
     * package that builds those arrays itself.
     */
    static TopicPartitionSet wrapSorted(String[] topics, int[][] partitions) {
        int size = 0;
        for (int[] p : partitions) {
            size += p.length;
        }
        return wrapSorted(topics, partitions, size);
    }

    /** As {@link #wrapSorted(String[], int[][])}, with the total partition count known. */
    static TopicPartitionSet wrapSorted(String[] topics, int[][] partitions, int size) {
        return topics.length == 0 ? EMPTY : new TopicPartitionSet(topics, partitions, size);
    }

    public static TopicPartitionSet empty() {
        return EMPTY;
    }

    public static TopicPartitionSet of(TopicPartition... partitions) {
        return copyOf(Arrays.asList(partitions));
    }

    /** The given partitions of one topic. */
    public static TopicPartitionSet ofTopic(String topic, int... partitions) {
        Builder builder = builder();
        for (int p : partitions) {
            builder.add(topic, p);
        }
        return builder.build();
    }

    public static TopicPartitionSet copyOf(Collection<TopicPartition> partitions) {
        if (partitions instanceof TopicPartitionSet set) {
            return set;
        }
        Builder builder = builder();
        for (TopicPartition tp : partitions) {
            if (tp == null) {
                throw new IllegalArgumentException("a topic-partition must not be null");
            }
            builder.add(tp.topic(), tp.partition());
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of distinct topics in this set. */
    public int topicCount() {
        return topics.length;
    }

    /** The {@code i}-th topic, in name order. */
    public String topicAt(int topicIndex) {
        return topics[topicIndex];
    }

    /** How many partitions of the {@code i}-th topic this set holds. */
    public int partitionCountAt(int topicIndex) {
        return partitions[topicIndex].length;
    }

    /** The {@code j}-th partition (ascending) of the {@code i}-th topic. */
    public int partitionAt(int topicIndex, int j) {
        return partitions[topicIndex][j];
    }

    /** The partitions of {@code topic} held by this set, ascending; empty if none. */
    public int[] partitions(String topic) {
        int i = Arrays.binarySearch(topics, topic);
        return i < 0 ? new int[0] : partitions[i].clone();
    }

    public boolean contains(String topic, int partition) {
        int i = Arrays.binarySearch(topics, topic);
        return i >= 0 && Arrays.binarySearch(partitions[i], partition) >= 0;
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof TopicPartition tp && contains(tp.topic(), tp.partition());
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Iterator<TopicPartition> iterator() {
        return new Iterator<>() {
            private int topic;
            private int index;

            @Override
            public boolean hasNext() {
                return topic < topics.length;
            }

            @Override
            public TopicPartition next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                TopicPartition next = new TopicPartition(topics[topic], partitions[topic][index]);
                if (++index == partitions[topic].length) {
                    topic++;
                    index = 0;
                }
                return next;
            }
        };
    }

    /** The partitions of this set or {@code other}. */
    public TopicPartitionSet union(Collection<TopicPartition> other) {
        if (other.isEmpty()) {
            return this;
        }
        return builder().addAll(this).addAll(other).build();
    }

    /** The partitions of this set that {@code other} does not contain. */
    public TopicPartitionSet minus(Collection<TopicPartition> other) {
        if (other.isEmpty() || isEmpty()) {
            return this;
        }
        Builder kept = builder();
        for (TopicPartition tp : this) {
            if (!other.contains(tp)) {
                kept.add(tp);
            }
        }
        return kept.build();
    }

    /** The partitions of this set that {@code other} contains too. */
    public TopicPartitionSet intersection(Collection<TopicPartition> other) {
        if (other.isEmpty() || isEmpty()) {
            return EMPTY;
        }
        Builder kept = builder();
        for (TopicPartition tp : this) {
            if (other.contains(tp)) {
                kept.add(tp);
            }
        }
        return kept.build();
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof TopicPartitionSet other) {
            return size == other.size && Arrays.equals(topics, other.topics)
                    && Arrays.deepEquals(partitions, other.partitions);
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    /** Compact form: {@code {orders=[0, 1, 2], payments=[7]}}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < topics.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(topics[i]).append('=').append(Arrays.toString(partitions[i]));
        }
        return out.append('}').toString();
    }

    /** Collects topic-partitions in any order; duplicates are kept once. Not thread-safe. */
    public static final class Builder {
        private final TreeMap<String, PartitionList> byTopic = new TreeMap<>();

        private Builder() {
        }

        public Builder add(String topic, int partition) {
            new TopicPartition(topic, partition); // validates
            byTopic.computeIfAbsent(topic, t -> new PartitionList()).add(partition);
            return this;
        }

        public Builder add(TopicPartition tp) {
            return add(Objects.requireNonNull(tp, "topic-partition").topic(), tp.partition());
        }

        public Builder addAll(Collection<TopicPartition> partitions) {
            partitions.forEach(this::add);
            return this;
        }

        public TopicPartitionSet build() {
            String[] topics = byTopic.keySet().toArray(new String[0]);
            int[][] partitions = new int[topics.length][];
            for (int i = 0; i < topics.length; i++) {
                partitions[i] = byTopic.get(topics[i]).sortedDistinct();
            }
            return wrapSorted(topics, partitions);
        }
    }

    private static final class PartitionList {
        private int[] values = new int[4];
        private int count;

        void add(int partition) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = partition;
        }

        int[] sortedDistinct() {
            int[] sorted = Arrays.copyOf(values, count);
            Arrays.sort(sorted);
            int n = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    sorted[n++] = sorted[i];
                }
            }
            return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
        }
    }
}
