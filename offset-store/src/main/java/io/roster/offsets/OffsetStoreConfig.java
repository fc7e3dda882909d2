package io.roster.offsets;

import com.hazelcast.config.MapConfig;

import java.util.Objects;

/**
 * Settings of the offset store.
 *
 * @param mapName          name of the Hazelcast {@code IMap} holding one entry per group
 * @param backupCount      synchronous backups of every entry, 1 to {@value MapConfig#MAX_BACKUP_COUNT}; a commit is
 *                         acknowledged only after that many backups applied it
 * @param retentionMs      how long the offsets of a group without live members are kept, in milliseconds
 * @param metadataMaxChars the longest metadata string a commit may carry, in characters ({@code String.length()})
 */
public record OffsetStoreConfig(String mapName, int backupCount, long retentionMs, int metadataMaxChars) {

    public static final String DEFAULT_MAP_NAME = "roster-offsets";
    public static final int DEFAULT_BACKUP_COUNT = 1;
    /** Seven days, as Kafka's {@code offsets.retention.minutes}. */
    public static final long DEFAULT_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;
    /** 4 KiB, as Kafka's {@code offset.metadata.max.bytes}, counted in characters. */
    public static final int DEFAULT_METADATA_MAX_CHARS = 4096;

    public OffsetStoreConfig {
        Objects.requireNonNull(mapName, "mapName");
        if (mapName.isBlank()) {
            throw new IllegalArgumentException("offsets map name must not be blank");
        }
        if (backupCount < 1 || backupCount > MapConfig.MAX_BACKUP_COUNT) {
            throw new IllegalArgumentException("offsets backup count must be between 1 and "
                    + MapConfig.MAX_BACKUP_COUNT + ": " + backupCount);
        }
        if (retentionMs <= 0) {
            throw new IllegalArgumentException("offsets.retention.ms must be positive: " + retentionMs);
        }
        if (metadataMaxChars < 0) {
            throw new IllegalArgumentException("metadata max chars must not be negative: " + metadataMaxChars);
        }
    }

    /** The defaults: map {@value DEFAULT_MAP_NAME}, one backup, seven days, 4096 characters. */
    public static OffsetStoreConfig defaults() {
        return new OffsetStoreConfig(DEFAULT_MAP_NAME, DEFAULT_BACKUP_COUNT, DEFAULT_RETENTION_MS,
                DEFAULT_METADATA_MAX_CHARS);
    }

    public OffsetStoreConfig withMapName(String name) {
        return new OffsetStoreConfig(name, backupCount, retentionMs, metadataMaxChars);
    }

    public OffsetStoreConfig withBackupCount(int count) {
        return new OffsetStoreConfig(mapName, count, retentionMs, metadataMaxChars);
    }

    public OffsetStoreConfig withRetentionMs(long ms) {
        return new OffsetStoreConfig(mapName, backupCount, ms, metadataMaxChars);
    }

    public OffsetStoreConfig withMetadataMaxChars(int chars) {
        return new OffsetStoreConfig(mapName, backupCount, retentionMs, chars);
    }
}
