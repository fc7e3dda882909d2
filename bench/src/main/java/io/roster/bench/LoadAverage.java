package io.roster.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average as Linux reports it, for the machine table of a report. */
final class LoadAverage {

    private LoadAverage() {
    }

    /** The 1, 5 and 15 minute figures, e.g. {@code 0.83 1.28 1.59}; {@code unknown} off Linux. */
    static String now() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The 1 minute figure; NaN when unknown. */
    static double lastMinute() {
        try {
            return Double.parseDouble(now().split(" ")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
