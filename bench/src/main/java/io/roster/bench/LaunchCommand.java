package io.roster.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command that started this JVM, as typed from the repository root, for a report to quote. */
final class LaunchCommand {

    /** The build step of every documented benchmark command, run from the repository root. */
    static final String BUILD = "mvn -B -q -pl bench -am package -DskipTests";

    private LaunchCommand() {
    }

    /** The build step, then {@code java} with this JVM's arguments, class path or jar, and main class. */
    static String of(Class<?> mainClass) {
        List<String> parts = new ArrayList<>();
        parts.add("java");
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            parts.add(shellQuoted(argument));
        }
        String classPath = System.getProperty("java.class.path", "");
        boolean oneJar = !classPath.contains(File.pathSeparator) && classPath.endsWith(".jar");
        if (oneJar && System.getProperty("sun.java.command", "").startsWith(classPath)) {
            parts.add("-jar");
            parts.add(shellQuoted(relative(classPath)));
        } else {
            parts.add("-cp");
            parts.add(shellQuoted(oneJar ? relative(classPath) : classPath));
            parts.add(mainClass.getName());
        }
        return BUILD + " && " + String.join(" ", parts);
    }

    private static String relative(String file) {
        Path path = Path.of(file).toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath().normalize();
        return path.startsWith(here) ? here.relativize(path).toString() : path.toString();
    }

    private static String shellQuoted(String argument) {
        return argument.matches("[A-Za-z0-9_./=:,@%+-]+") ? argument : "'" + argument.replace("'", "'\\''") + "'";
    }
}
