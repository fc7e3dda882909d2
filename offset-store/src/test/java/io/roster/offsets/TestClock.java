package io.roster.offsets;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to; can be told to fail its next reads. */
final class TestClock extends Clock {

    private final AtomicLong millis;
    private final AtomicInteger failingReads = new AtomicInteger();

    TestClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    void advance(long ms) {
        millis.addAndGet(ms);
    }

    void set(long ms) {
        millis.set(ms);
    }

    /** The next {@code reads} calls of {@link #millis()} throw. */
    void failNextReads(int reads) {
        failingReads.set(reads);
    }

    @Override
    public long millis() {
        if (failingReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("test clock told to fail");
        }
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
