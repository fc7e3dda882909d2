package io.roster.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time of processes as Linux counts it ({@code utime + stime} of {@code /proc/<pid>/stat}, all threads), so that
 * a step can say how busy the coordinator, the broker and the load generator were. Off Linux every figure is unknown.
 */
final class ProcessCpu {

    private static final long TICKS_PER_SECOND = ticksPerSecond();

    /** The processes to watch, in the order of their figures; a pid of -1 is a process not running now. */
    private final long[] pids;

    ProcessCpu(long... pids) {
        this.pids = pids.clone();
    }

    /** CPU seconds used so far by each process (NaN where unknown), and when. */
    Sample sample() {
        double[] seconds = new double[pids.length];
        for (int i = 0; i < pids.length; i++) {
            seconds[i] = pids[i] < 0 ? Double.NaN : cpuSeconds(pids[i]);
        }
        return new Sample(System.nanoTime(), seconds);
    }

    /** One reading of every watched process. */
    record Sample(long nanoTime, double[] cpuSeconds) {

        /** Per process, the share of one core it used from {@code earlier} to this one, in percent. */
        List<Double> percentSince(Sample earlier) {
            double wall = (nanoTime - earlier.nanoTime) / 1e9;
            List<Double> percent = new ArrayList<>();
            for (int i = 0; i < cpuSeconds.length; i++) {
                percent.add(wall <= 0 ? Double.NaN : (cpuSeconds[i] - earlier.cpuSeconds[i]) / wall * 100);
            }
            return percent;
        }
    }

    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // The command name, in parentheses, may hold spaces: count fields after its closing one.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // After the name: state is field 3 of the man page, utime 14 and stime 15.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
