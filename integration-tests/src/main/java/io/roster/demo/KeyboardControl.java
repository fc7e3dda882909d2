package io.roster.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Keys typed in the terminal, each passed on as it is typed. Only when the demo runs in a
 * terminal ({@link System#console()}): piped or redirected, it reads nothing. The terminal is
 * switched to character mode with {@code stty} (and back on {@link #close()}); where that does
 * not work, keys arrive when Enter is pressed.
 */
final class KeyboardControl implements AutoCloseable {

    private final String savedTerminal;
    private final boolean characterMode;

    private KeyboardControl(String savedTerminal, boolean characterMode) {
        this.savedTerminal = savedTerminal;
        this.characterMode = characterMode;
    }

    /** Starts reading keys on a daemon thread if stdin and stdout are a terminal. */
    static Optional<KeyboardControl> startIfTerminal(InputStream in, IntConsumer onKey) {
        if (System.console() == null) {
            return Optional.empty();
        }
        String saved = stty("-g");
        boolean characterMode = saved != null && stty("-icanon -echo min 1") != null;
        KeyboardControl control = new KeyboardControl(saved, characterMode);
        Thread reader = new Thread(() -> read(in, onKey), "demo-keys");
        reader.setDaemon(true);
        reader.start();
        return Optional.of(control);
    }

    /** Whether a key counts at once, or only after Enter. */
    boolean characterMode() {
        return characterMode;
    }

    /** Gives the terminal its settings back. */
    @Override
    public void close() {
        if (characterMode) {
            stty(savedTerminal);
        }
    }

    private static void read(InputStream in, IntConsumer onKey) {
        try {
            for (int key = in.read(); key >= 0; key = in.read()) {
                if (!Character.isWhitespace(key)) {
                    onKey.accept(key);
                }
            }
        } catch (IOException e) {
            // the terminal went away: no more keys
        }
    }

    /** Runs {@code stty arguments} on the controlling terminal; its output, or null if it failed. */
    private static String stty(String arguments) {
        try {
            Process process = new ProcessBuilder("sh", "-c", "stty " + arguments + " < /dev/tty")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return output;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
