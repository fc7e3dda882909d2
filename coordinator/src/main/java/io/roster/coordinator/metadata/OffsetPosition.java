package io.roster.coordinator.metadata;

/**
 * Where in a partition's log to look up an offset: its start, its end, or the first record
 * written at or after a time.
 *
 * @param kind        which of the three
 * @param timestampMs for {@link Kind#TIMESTAMP}, epoch milliseconds (0 or more); else -1
 */
public record OffsetPosition(Kind kind, long timestampMs) {

    public enum Kind { EARLIEST, LATEST, TIMESTAMP }

    public OffsetPosition {
        if (kind == null) {
            throw new IllegalArgumentException("offset position kind must not be null");
        }
        if (kind == Kind.TIMESTAMP && timestampMs < 0) {
            throw new IllegalArgumentException("timestamp must not be negative: " + timestampMs);
        }
        if (kind != Kind.TIMESTAMP) {
            timestampMs = -1;
        }
    }

    public static OffsetPosition earliest() {
        return new OffsetPosition(Kind.EARLIEST, -1);
    }

    public static OffsetPosition latest() {
        return new OffsetPosition(Kind.LATEST, -1);
    }

    public static OffsetPosition at(long timestampMs) {
        return new OffsetPosition(Kind.TIMESTAMP, timestampMs);
    }
}
