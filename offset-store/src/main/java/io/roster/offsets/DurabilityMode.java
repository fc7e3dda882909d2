package io.roster.offsets;

/** When a change of offsets is acknowledged, relative to its write to the {@link DurableOffsetLog}. */
public enum DurabilityMode {
    /**
     * After the log acknowledged it: the change is applied in Hazelcast only once it is durable, and a change
     * the log does not acknowledge in time is not applied at all.
     */
    SYNC,
    /**
     * After the Hazelcast backups applied it; the log is written shortly after, in batches. A change still
     * waiting for the log on a member when every member is lost at once is lost.
     */
    ASYNC
}
