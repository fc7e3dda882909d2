package io.roster.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A JVM that a benchmark starts as a process of its own (a Kafka broker, a coordinator node), its output in a log
 * file. It is stopped by {@link #close()} and, should the benchmark end any other way, by a shutdown hook: a
 * benchmark never leaves one behind.
 */
final class ChildProcess implements AutoCloseable {

    private static final long STOP_TIMEOUT_S = 20;
    private static final long KILL_TIMEOUT_S = 10;
    private static final Set<ChildProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ChildProcess::stop), "child-process-stop"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java} of this JVM's installation with {@code arguments}; the environment is this one's less
     * every variable that starts with {@code dropPrefix}, plus {@code environment}.
     */
    static ChildProcess startJava(String name, List<String> arguments, Map<String, String> environment,
                                  String dropPrefix, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().keySet().removeIf(variable -> variable.startsWith(dropPrefix));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ChildProcess child = new ChildProcess(name, builder.start(), log);
            RUNNING.add(child);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Waits for it to end by itself; its exit code, or a failure once {@code timeout} has passed (it is then stopped). */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new BenchmarkFailure(name + " did not end within " + timeout.toSeconds() + " s");
            }
            RUNNING.remove(this);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new BenchmarkFailure(name + ": interrupted", e);
        }
    }

    /** The last lines of its log, for a failure message. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log " + log + " unreadable: " + e + ")";
        }
    }

    /** SIGTERM, as an operator stops it; killed if it has not ended within {@value #STOP_TIMEOUT_S} s. */
    @Override
    public void close() {
        stop();
        RUNNING.remove(this);
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_S, TimeUnit.SECONDS)) {
                System.out.printf("  %s did not stop within %d s of SIGTERM: killed%n", name, STOP_TIMEOUT_S);
                process.destroyForcibly().waitFor(KILL_TIMEOUT_S, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
