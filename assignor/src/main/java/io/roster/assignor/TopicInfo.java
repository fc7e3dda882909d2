package io.roster.assignor;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an assignor knows of one topic.
 *
 * @param name           the topic name
 * @param partitionCount number of partitions, zero or more
 * @param partitionRacks for each partition (by index) the racks of its replicas; an empty
 *                       list when racks are unknown, otherwise exactly one entry a partition
 */
public record TopicInfo(String name, int partitionCount, List<Set<String>> partitionRacks) {

    public TopicInfo {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("topic name must not be null or empty");
        }
        if (partitionCount < 0) {
            throw new IllegalArgumentException("topic '" + name + "' has a negative partition count: " + partitionCount);
        }
        if (partitionRacks == null) {
            partitionRacks = List.of();
        }
        if (!partitionRacks.isEmpty() && partitionRacks.size() != partitionCount) {
            throw new IllegalArgumentException("topic '" + name + "' has " + partitionCount
                    + " partitions but racks for " + partitionRacks.size());
        }
        for (int p = 0; p < partitionRacks.size(); p++) {
            Set<String> racks = partitionRacks.get(p);
            // Not racks.contains(null): immutable sets (Set.of) throw NullPointerException on it.
            if (racks == null || racks.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("topic '" + name + "' partition " + p + " has a null rack");
            }
        }
        partitionRacks = List.copyOf(partitionRacks.stream().map(Set::copyOf).toList());
    }

    /** A topic without rack information. */
    public TopicInfo(String name, int partitionCount) {
        this(name, partitionCount, List.of());
    }

    public boolean hasRacks() {
        return !partitionRacks.isEmpty();
    }

    /** The racks of the replicas of {@code partition}; empty when unknown. */
    public Set<String> racksOf(int partition) {
        return partitionRacks.isEmpty() ? Set.of() : partitionRacks.get(partition);
    }
}
