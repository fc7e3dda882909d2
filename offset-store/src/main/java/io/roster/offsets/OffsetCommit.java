package io.roster.offsets;

/**
 * What a member asks to commit for one partition.
 *
 * <p>Deliberately not validated here: a negative offset or an oversized metadata string is a
 * per-partition outcome of the commit ({@link CommitResult#INVALID_OFFSET},
 * {@link CommitResult#METADATA_TOO_LARGE}), not a reason to reject the other partitions of the request.
 *
 * @param offset   the next offset the group resumes from for this partition
 * @param metadata free text stored with the offset, or {@code null}
 */
public record OffsetCommit(long offset, String metadata) {

    /** A commit without metadata. */
    public static OffsetCommit of(long offset) {
        return new OffsetCommit(offset, null);
    }
}
