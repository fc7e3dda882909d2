package io.roster.bench;

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
}
