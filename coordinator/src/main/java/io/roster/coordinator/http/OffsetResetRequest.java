package io.roster.coordinator.http;

import static io.roster.coordinator.http.JsonFields.optionalBoolean;
import static io.roster.coordinator.http.JsonFields.optionalTopics;
import static io.roster.coordinator.http.JsonFields.requiredLong;
import static io.roster.coordinator.http.JsonFields.requiredString;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Set;

/**
 * The body of {@code POST /v1/admin/groups/{group}/offsets/reset}, validated.
 *
 * @param mode        how the new offsets are found
 * @param offset      the offset of {@code to-offset}, else {@code null}
 * @param timestampMs the time of {@code to-datetime} in epoch milliseconds, else {@code null}
 * @param shift       the shift of {@code shift-by} (may be negative), else {@code null}
 * @param topics      the topics whose every partition is reset; {@code null}: the partitions
 *                    that have a committed offset
 * @param dryRun      plan only, change nothing
 */
record OffsetResetRequest(Mode mode, Long offset, Long timestampMs, Long shift, Set<String> topics, boolean dryRun) {

    enum Mode {
        TO_EARLIEST("to-earliest", null),
        TO_LATEST("to-latest", null),
        TO_OFFSET("to-offset", "offset"),
        TO_DATETIME("to-datetime", "datetime"),
        SHIFT_BY("shift-by", "shift");

        final String wireName;
        /** The body field that only this mode takes, or {@code null}. */
        final String field;

        Mode(String wireName, String field) {
            this.wireName = wireName;
            this.field = field;
        }

        static Mode of(String name) {
            for (Mode mode : values()) {
                if (mode.wireName.equals(name)) {
                    return mode;
                }
            }
            throw ApiException.invalid("field 'mode': expected one of "
                    + Arrays.stream(values()).map(m -> m.wireName).toList() + ", got '" + name + "'");
        }
    }

    static OffsetResetRequest parse(JsonObject body) {
        Mode mode = Mode.of(requiredString(body, "mode"));
        for (Mode other : Mode.values()) {
            // A field of another mode is a mistake the operator should hear of, not a no-op.
            if (other.field != null && other != mode && body.getValue(other.field) != null) {
                throw ApiException.invalid("field '" + other.field + "' belongs to mode " + other.wireName
                        + ", not " + mode.wireName);
            }
        }
        Long offset = null;
        Long timestampMs = null;
        Long shift = null;
        switch (mode) {
            case TO_OFFSET -> {
                offset = requiredLong(body, "offset");
                if (offset < 0) {
                    throw ApiException.invalid("field 'offset' must not be negative, got " + offset);
                }
            }
            case TO_DATETIME -> timestampMs = timestamp(requiredString(body, "datetime"));
            case SHIFT_BY -> shift = requiredLong(body, "shift");
            default -> {
            }
        }
        Set<String> topics = optionalTopics(body, "topics");
        if (topics != null && topics.isEmpty()) {
            throw ApiException.invalid("field 'topics': expected at least one topic (leave it out for every "
                    + "partition with a committed offset)");
        }
        return new OffsetResetRequest(mode, offset, timestampMs, shift, topics, optionalBoolean(body, "dryRun"));
    }

    private static long timestamp(String text) {
        long ms;
        try {
            ms = OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ApiException.invalid("field 'datetime': expected an ISO-8601 date-time with an offset, such as "
                    + "2025-01-31T12:00:00Z or 2025-01-31T13:00:00+01:00, got '" + text + "'");
        }
        if (ms < 0) {
            throw ApiException.invalid("field 'datetime' must not be before 1970-01-01T00:00:00Z, got '" + text + "'");
        }
        return ms;
    }

    JsonObject describe() {
        JsonObject json = new JsonObject().put("mode", mode.wireName);
        if (offset != null) {
            json.put("offset", offset);
        }
        if (timestampMs != null) {
            json.put("timestampMs", timestampMs);
        }
        if (shift != null) {
            json.put("shift", shift);
        }
        return json;
    }
}
