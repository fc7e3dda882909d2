package io.roster.offsets;

/**
 * The outcome of a commit for one partition. Only {@link #OK} changes anything.
 *
 * <p>The checks run in this order and the first that applies wins: {@link #UNKNOWN_MEMBER} (for every
 * partition of the request), {@link #INVALID_OFFSET}, {@link #METADATA_TOO_LARGE}, {@link #FENCED}.
 */
public enum CommitResult {
    /** Stored, with the commit time. */
    OK,
    /**
     * The member is in the ownership table but, at the moment of the write, it does not own the partition,
     * or the epoch it presented is not its current epoch.
     */
    FENCED,
    /** The member is not in the group's ownership table (never joined, left, or was removed). */
    UNKNOWN_MEMBER,
    /** The offset is negative. */
    INVALID_OFFSET,
    /** The metadata has more characters than {@link OffsetStoreConfig#metadataMaxChars()}. */
    METADATA_TOO_LARGE
}
