package io.roster.coordinator.offsetlog;

import io.roster.offsets.CommittedOffset;
import io.roster.offsets.OffsetLogRecord;
import io.roster.offsets.PartitionId;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The binary form of {@link OffsetLogRecord}s in the offsets topic. Part of the stored format: a new
 * layout gets a new version number, and readers keep reading the old ones.
 *
 * <p>Key, version 1 (what the topic is compacted on: one live record per group, topic and partition):
 * {@code int16 version=1, int32 n, n bytes group (UTF-8), int32 m, m bytes topic (UTF-8), int32 partition}.
 *
 * <p>Value, version 1: {@code int16 version=1, int64 offset, int64 commitTimeMs, int64 seq, int32 n
 * (-1: no metadata), n bytes metadata (UTF-8)}.
 *
 * <p>Tombstone: no value (so that compaction removes the key), and its seq in the record header
 * {@value #SEQ_HEADER} as an int64.
 *
 * <p>All integers big-endian.
 */
public final class OffsetLogCodec {

    public static final String SEQ_HEADER = "roster.seq";
    static final short KEY_VERSION = 1;
    static final short VALUE_VERSION = 1;

    private OffsetLogCodec() {
    }

    /** The identity of one record, as the topic compacts on it. */
    public static byte[] key(String group, PartitionId partition) {
        byte[] groupBytes = group.getBytes(StandardCharsets.UTF_8);
        byte[] topicBytes = partition.topic().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + 4 + groupBytes.length + 4 + topicBytes.length + 4)
                .putShort(KEY_VERSION)
                .putInt(groupBytes.length).put(groupBytes)
                .putInt(topicBytes.length).put(topicBytes)
                .putInt(partition.partition())
                .array();
    }

    /** The value of a record; {@code null} for a tombstone. */
    public static byte[] value(OffsetLogRecord record) {
        if (record.isTombstone()) {
            return null;
        }
        CommittedOffset committed = record.committed();
        byte[] metadata = committed.metadata() == null ? null : committed.metadata().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + 8 + 8 + 8 + 4 + (metadata == null ? 0 : metadata.length))
                .putShort(VALUE_VERSION)
                .putLong(committed.offset())
                .putLong(committed.commitTimeMs())
                .putLong(record.seq())
                .putInt(metadata == null ? -1 : metadata.length)
                .put(metadata == null ? new byte[0] : metadata)
                .array();
    }

    /** The {@value #SEQ_HEADER} header of a tombstone. */
    public static byte[] seqHeader(long seq) {
        return ByteBuffer.allocate(8).putLong(seq).array();
    }

    /**
     * Reads a record back.
     *
     * @param seqHeader the {@value #SEQ_HEADER} header's value; read only for a tombstone ({@code value == null})
     * @throws IllegalArgumentException if the key or value is of an unknown version or malformed
     */
    public static OffsetLogRecord decode(byte[] key, byte[] value, byte[] seqHeader) {
        if (key == null) {
            throw new IllegalArgumentException("an offsets log record without a key");
        }
        try {
            ByteBuffer k = ByteBuffer.wrap(key);
            short keyVersion = k.getShort();
            if (keyVersion != KEY_VERSION) {
                throw new IllegalArgumentException("unknown offsets log key version " + keyVersion
                        + " (this coordinator reads version " + KEY_VERSION + ")");
            }
            String group = string(k);
            PartitionId partition = new PartitionId(string(k), k.getInt());
            requireConsumed(k, "key");
            if (value == null) {
                if (seqHeader == null || seqHeader.length != 8) {
                    throw new IllegalArgumentException("tombstone of group '" + group + "', " + partition
                            + " without its " + SEQ_HEADER + " header");
                }
                return OffsetLogRecord.tombstone(group, partition, ByteBuffer.wrap(seqHeader).getLong());
            }
            ByteBuffer v = ByteBuffer.wrap(value);
            short valueVersion = v.getShort();
            if (valueVersion != VALUE_VERSION) {
                throw new IllegalArgumentException("unknown offsets log value version " + valueVersion
                        + " (this coordinator reads version " + VALUE_VERSION + ")");
            }
            long offset = v.getLong();
            long commitTimeMs = v.getLong();
            long seq = v.getLong();
            int metadataLength = v.getInt();
            String metadata = metadataLength < 0 ? null : string(v, metadataLength);
            requireConsumed(v, "value");
            return OffsetLogRecord.offset(group, partition, seq, new CommittedOffset(offset, metadata, commitTimeMs));
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("a truncated offsets log record", e);
        }
    }

    private static String string(ByteBuffer buffer) {
        return string(buffer, buffer.getInt());
    }

    private static String string(ByteBuffer buffer, int length) {
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalArgumentException("a string of " + length + " bytes where " + buffer.remaining() + " are left");
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void requireConsumed(ByteBuffer buffer, String what) {
        if (buffer.hasRemaining()) {
            throw new IllegalArgumentException("offsets log " + what + " has " + buffer.remaining() + " unexpected bytes");
        }
    }
}
