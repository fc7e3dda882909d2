package io.roster.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a report was measured on, as far as Linux and the JVM tell. */
record MachineDescription(String cpuModel, int cores, String memory, String jvm, String os) {

    static MachineDescription current() {
        List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
        String model = cpuinfo.stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst()
                .orElse("unknown (no model name in /proc/cpuinfo)");
        String memory = lines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal:"))
                .map(line -> line.replaceAll("[^0-9]", ""))
                .filter(kb -> !kb.isEmpty())
                .map(kb -> String.format("%.0f GiB", Long.parseLong(kb) / (1024.0 * 1024.0)))
                .findFirst()
                .orElse("unknown");
        String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.vendor") + ")";
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        return new MachineDescription(model, Runtime.getRuntime().availableProcessors(), memory, jvm, os);
    }

    /**
     * The header and rows of a Markdown machine table, load average before and after the run
     * included; a report may append rows of its own.
     */
    String markdownRows(String loadBefore, String loadAfter) {
        return "| machine | |\n|---|---|\n"
                + "| CPU | " + cpuModel + " |\n"
                + "| cores | " + cores + " (as the JVM sees them; shared with other work) |\n"
                + "| memory | " + memory + " |\n"
                + "| load average (1, 5, 15 min) | before " + loadBefore + "; after " + loadAfter + " |\n"
                + "| JVM | " + jvm + " |\n"
                + "| OS | " + os + " |\n";
    }

    /**
     * A table row with this JVM's arguments, leaving out the {@code --add-opens}/{@code --add-exports} that
     * Hazelcast needs (the row says so), for a program started from a script rather than from a jar.
     */
    static String jvmArgumentsRow() {
        return "| JVM arguments | `" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()
                .stream().filter(a -> !a.startsWith("--add")).toList()) + "` (plus the Hazelcast `--add-opens`) |\n";
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
