package io.roster.offsets;

/**
 * A committed offset as stored.
 *
 * @param offset       the offset the group resumes from, zero or more
 * @param metadata     the metadata given with the commit, or {@code null}
 * @param commitTimeMs when the commit (or reset) was accepted, in epoch milliseconds of the store's clock
 */
public record CommittedOffset(long offset, String metadata, long commitTimeMs) {

    public CommittedOffset {
        if (offset < 0) {
            throw new IllegalArgumentException("committed offset must not be negative: " + offset);
        }
    }
}
