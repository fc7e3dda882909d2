package io.roster.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated part of a Markdown file, between two marker comments. Each run replaces it as
 * a whole and leaves the hand-written rest of the file as it is.
 */
record MarkedSection(String begin, String end) {

    /**
     * Replaces the section in {@code file}, appends it when absent, creates the file with
     * {@code intro} before it when missing. {@code section} includes the markers.
     */
    void writeInto(Path file, String intro, String section) throws IOException {
        String text;
        if (Files.exists(file)) {
            String old = Files.readString(file, StandardCharsets.UTF_8);
            int from = old.indexOf(begin);
            int to = old.indexOf(end);
            if (from >= 0 && to > from) {
                text = old.substring(0, from) + section + old.substring(to + end.length());
            } else {
                text = old + (old.endsWith("\n") ? "\n" : "\n\n") + section + "\n";
            }
        } else {
            text = intro + "\n" + section + "\n";
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
