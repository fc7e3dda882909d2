package io.roster.bench;

import java.time.Duration;
import java.util.List;

/** The measured joins of one configuration, with the machine's load around them. */
record ConfigurationResult(JoinConfiguration configuration, List<JoinSample> samples, String loadBefore,
                           String loadAfter, Duration took) {

    LatencySummary summary() {
        return LatencySummary.of(samples);
    }

    /** The mean number of heartbeats per join sent for {@code trigger}. */
    double meanHeartbeats(HeartbeatTrigger trigger) {
        return samples.stream().mapToInt(s -> s.counts().heartbeats(trigger)).average().orElse(0);
    }

    double meanHeartbeats() {
        return samples.stream().mapToInt(s -> s.counts().heartbeats()).average().orElse(0);
    }

    /** The {@code count} slowest joins, slowest first. */
    List<JoinSample> slowest(int count) {
        return samples.stream().sorted((a, b) -> Long.compare(b.nanos(), a.nanos())).limit(count).toList();
    }
}
