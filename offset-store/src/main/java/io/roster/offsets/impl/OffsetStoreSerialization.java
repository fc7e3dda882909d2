package io.roster.offsets.impl;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Creates every object of the offset store that Hazelcast stores or sends: the stored value, the entry
 * processors and their results. {@code OffsetStore.configure} registers it under {@link #FACTORY_ID} on every
 * member; a member without it cannot read the map.
 *
 * <p>The ids are part of the stored and wire format: never renumber them, only add.
 */
public final class OffsetStoreSerialization implements DataSerializableFactory {

    /** "RO" in ASCII. Other Roster factories must use other ids. */
    public static final int FACTORY_ID = 0x524F;

    static final int GROUP_OFFSETS = 1;
    static final int COMMIT_PROCESSOR = 2;
    static final int PUBLISH_PROCESSOR = 3;
    static final int FETCH_PROCESSOR = 4;
    static final int OWNERSHIP_READ_PROCESSOR = 5;
    static final int RESET_PROCESSOR = 6;
    static final int DELETE_PROCESSOR = 7;
    static final int EXPIRY_PROCESSOR = 8;
    static final int COMMIT_OUTCOME = 9;
    static final int FETCH_OUTCOME = 10;
    static final int OWNERSHIP_VIEW = 11;
    static final int MUTATION_OUTCOME = 12;
    static final int BACKUP_APPLY_PROCESSOR = 13;
    static final int RETENTION_CHECK_PROCESSOR = 14;
    static final int RELOAD_MERGE_PROCESSOR = 15;
    static final int PENDING_CHANGE_PROCESSOR = 16;

    @Override
    public IdentifiedDataSerializable create(int classId) {
        return switch (classId) {
            case GROUP_OFFSETS -> new GroupOffsets();
            case COMMIT_PROCESSOR -> new OffsetCommitProcessor();
            case PUBLISH_PROCESSOR -> new PublishOwnershipProcessor();
            case FETCH_PROCESSOR -> new OffsetFetchProcessor();
            case OWNERSHIP_READ_PROCESSOR -> new OwnershipReadProcessor();
            case RESET_PROCESSOR -> new OffsetResetProcessor();
            case DELETE_PROCESSOR -> new GroupDeleteProcessor();
            case EXPIRY_PROCESSOR -> new RetentionExpiryProcessor();
            case COMMIT_OUTCOME -> new CommitOutcome();
            case FETCH_OUTCOME -> new FetchOutcome();
            case OWNERSHIP_VIEW -> new OwnershipView();
            case MUTATION_OUTCOME -> new GroupMutationOutcome();
            case BACKUP_APPLY_PROCESSOR -> new BackupApplyProcessor<>();
            case RETENTION_CHECK_PROCESSOR -> new RetentionCheckProcessor();
            case RELOAD_MERGE_PROCESSOR -> new ReloadMergeProcessor();
            case PENDING_CHANGE_PROCESSOR -> new PendingChangeProcessor();
            // Hazelcast turns null into a clear "factory returned null" serialization error
            default -> null;
        };
    }
}
