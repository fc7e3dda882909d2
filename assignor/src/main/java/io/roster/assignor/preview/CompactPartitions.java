package io.roster.assignor.preview;

import io.roster.assignor.TopicPartitionSet;

/** Writes a partition set the way a person scans it: {@code orders[0-3,7] payments[1]}. */
public final class CompactPartitions {

    private CompactPartitions() {
    }

    /** Topics in name order, consecutive partitions as one range; empty for an empty set. */
    public static String format(TopicPartitionSet partitions) {
        StringBuilder out = new StringBuilder();
        for (int t = 0; t < partitions.topicCount(); t++) {
            if (t > 0) {
                out.append(' ');
            }
            out.append(partitions.topicAt(t)).append('[');
            int count = partitions.partitionCountAt(t);
            int i = 0;
            while (i < count) {
                int first = partitions.partitionAt(t, i);
                int last = first;
                while (i + 1 < count && partitions.partitionAt(t, i + 1) == last + 1) {
                    last = partitions.partitionAt(t, ++i);
                }
                if (first != partitions.partitionAt(t, 0)) {
                    out.append(',');
                }
                out.append(first);
                if (last > first) {
                    out.append('-').append(last);
                }
                i++;
            }
            out.append(']');
        }
        return out.toString();
    }
}
