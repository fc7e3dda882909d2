package io.roster.assignor.preview;

import io.roster.assignor.GroupSpec;
import io.roster.assignor.TopicMetadata;

/**
 * A group as it is now: its members with what they own, and the cluster's topics.
 * Ownership is consistent with the topics: every owned partition exists and has one owner.
 */
public record GroupState(TopicMetadata topics, GroupSpec group) {
}
