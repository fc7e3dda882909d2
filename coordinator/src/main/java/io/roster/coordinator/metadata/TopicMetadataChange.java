package io.roster.coordinator.metadata;

import io.roster.assignor.TopicMetadata;
import java.util.Set;
import java.util.TreeSet;

/**
 * A new snapshot that changed the partition count of some topics.
 *
 * @param previous      the snapshot before
 * @param current       the snapshot now in use
 * @param changedTopics topics whose partition count differs, including topics that appeared
 *                      or disappeared; never empty
 */
public record TopicMetadataChange(TopicMetadata previous, TopicMetadata current, Set<String> changedTopics) {

    public TopicMetadataChange {
        if (previous == null || current == null) {
            throw new IllegalArgumentException("a metadata change needs both snapshots");
        }
        if (changedTopics == null || changedTopics.isEmpty()) {
            throw new IllegalArgumentException("a metadata change must name at least one changed topic");
        }
        changedTopics = Set.copyOf(changedTopics);
    }

    /**
     * The change from {@code previous} to {@code current}, or {@code null} when no topic's
     * partition count differs. Racks alone do not count: only partition counts change what
     * a group can be assigned.
     */
    public static TopicMetadataChange between(TopicMetadata previous, TopicMetadata current) {
        Set<String> changed = new TreeSet<>();
        for (String topic : previous.topicNames()) {
            if (previous.partitionCount(topic) != current.partitionCount(topic)) {
                changed.add(topic);
            }
        }
        for (String topic : current.topicNames()) {
            if (previous.partitionCount(topic) != current.partitionCount(topic)) {
                changed.add(topic);
            }
        }
        return changed.isEmpty() ? null : new TopicMetadataChange(previous, current, changed);
    }

    /** For logs: {@code orders 3->6, audit new(2), legacy gone}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (String topic : new TreeSet<>(changedTopics)) {
            if (text.length() > 0) {
                text.append(", ");
            }
            int before = previous.partitionCount(topic);
            int after = current.partitionCount(topic);
            text.append(topic).append(' ');
            if (before < 0) {
                text.append("new(").append(after).append(')');
            } else if (after < 0) {
                text.append("gone");
            } else {
                text.append(before).append("->").append(after);
            }
        }
        return text.toString();
    }
}
