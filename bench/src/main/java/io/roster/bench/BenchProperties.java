package io.roster.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Settings of the benchmark programs, read from system properties with a fallback each. */
final class BenchProperties {

    private BenchProperties() {
    }

    /** The property, or {@code fallback} when it is absent or blank. */
    static String text(String key, String fallback) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A whole number of at least {@code least}; anything else is an error naming the property. */
    static int atLeast(String key, int fallback, int least) {
        String text = text(key, Integer.toString(fallback));
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number: '" + text + "'", e);
        }
        if (value < least) {
            throw new IllegalArgumentException(key + " must be at least " + least + ": " + value);
        }
        return value;
    }

    /** A decimal number, e.g. a load average. */
    static double decimal(String key, double fallback) {
        String text = text(key, Double.toString(fallback));
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number: '" + text + "'", e);
        }
    }

    /** A positive duration with its unit: {@code 500ms}, {@code 10s} or {@code 2m}. */
    static Duration duration(String key, String fallback) {
        String text = text(key, fallback).trim().toLowerCase(Locale.ROOT);
        try {
            Duration value;
            if (text.endsWith("ms")) {
                value = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            } else if (text.endsWith("s")) {
                value = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            } else if (text.endsWith("m")) {
                value = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            } else {
                throw new NumberFormatException("no unit");
            }
            if (value.isNegative() || value.isZero()) {
                throw new NumberFormatException("not positive");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a positive duration such as 500ms, 10s or 2m: '" + text
                    + "'", e);
        }
    }

    /** A comma-separated list of whole numbers, each at least {@code least}, in the order given, without repeats. */
    static List<Integer> numbers(String key, String fallback, int least) {
        String text = text(key, fallback);
        List<Integer> values;
        try {
            values = Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt)
                    .distinct().toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be whole numbers separated by commas: '" + text + "'", e);
        }
        if (values.isEmpty() || values.stream().anyMatch(v -> v < least)) {
            throw new IllegalArgumentException(key + " must name one or more numbers, each at least " + least + ": '"
                    + text + "'");
        }
        return values;
    }

    /** A comma-separated list of words, trimmed, in the order given, without repeats or empty entries. */
    static List<String> words(String key, String fallback) {
        return Arrays.stream(text(key, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct()
                .toList();
    }
}
