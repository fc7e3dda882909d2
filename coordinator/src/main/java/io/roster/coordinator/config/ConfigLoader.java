package io.roster.coordinator.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a {@link CoordinatorConfig} from an optional properties file and the environment.
 *
 * <p>Precedence: environment variable &gt; file &gt; default. The file uses the key names of
 * {@link CoordinatorConfig#DEFAULTS}; the environment variable of a key is {@code ROSTER_} followed by
 * the key upper-cased with every '.' replaced by '_' (see {@link #environmentVariable(String)}).
 * An unknown key in the file, or an unknown {@code ROSTER_*} variable, is an error naming it, so that a
 * typo is never silently ignored. Variables without the prefix are ignored.
 */
public final class ConfigLoader {

    public static final String ENV_PREFIX = "ROSTER_";

    /**
     * Not a key: the variable a launcher may read the file's path from ({@link #configFile(Map)}).
     * The loader does not report it as unknown.
     */
    public static final String CONFIG_FILE_VARIABLE = "ROSTER_CONFIG_FILE";

    /** Where an effective value came from. */
    public enum Source {
        DEFAULT, FILE, ENV;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The effective value of one key and where it came from. */
    public record Setting(String key, String value, Source source) {
    }

    /**
     * The loaded configuration with every key's effective value and source, in the order of
     * {@link CoordinatorConfig#DEFAULTS}.
     */
    public record Resolved(CoordinatorConfig config, Map<String, Setting> settings) {

        public Resolved {
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }

        /** One line for a startup log: {@code http.port=8080 (default), session.timeout.ms=6000 (env), ...}. */
        public String describe() {
            return settings.values().stream()
                    .map(s -> s.key() + "=" + s.value() + " (" + s.source() + ")")
                    .collect(Collectors.joining(", "));
        }
    }

    private ConfigLoader() {
    }

    /**
     * @param file        a properties file; an explicitly given file that does not exist is an error
     * @param environment usually {@code System.getenv()}
     * @throws IllegalArgumentException naming the key, variable or path for an unknown key, an unknown
     *                                  {@code ROSTER_*} variable, a missing or unreadable file, or a bad value
     */
    public static CoordinatorConfig load(Optional<Path> file, Map<String, String> environment) {
        return resolve(file, environment).config();
    }

    /** As {@link #load}, also telling every key's effective value and its source. */
    public static Resolved resolve(Optional<Path> file, Map<String, String> environment) {
        Map<String, String> fromFile = file.map(ConfigLoader::readFile).orElse(Map.of());
        Map<String, String> fromEnv = readEnvironment(environment);

        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Setting> settings = new LinkedHashMap<>();
        CoordinatorConfig.DEFAULTS.forEach((key, defaultValue) -> {
            Source source = Source.DEFAULT;
            String value = defaultValue;
            if (fromEnv.containsKey(key)) {
                source = Source.ENV;
                value = fromEnv.get(key);
            } else if (fromFile.containsKey(key)) {
                source = Source.FILE;
                value = fromFile.get(key);
            }
            values.put(key, value);
            settings.put(key, new Setting(key, value.trim(), source));
        });
        return new Resolved(CoordinatorConfig.fromStrings(values), settings);
    }

    /** The file named by {@value #CONFIG_FILE_VARIABLE}, if that variable is set and not blank. */
    public static Optional<Path> configFile(Map<String, String> environment) {
        String value = environment.get(CONFIG_FILE_VARIABLE);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.trim()));
    }

    /** {@code session.timeout.ms} gives {@code ROSTER_SESSION_TIMEOUT_MS}. */
    public static String environmentVariable(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private static Map<String, String> readFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("configuration file " + path + " does not exist or is not a file");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read configuration file " + path + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (!CoordinatorConfig.DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException("unknown configuration key '" + key + "' in " + path
                        + "; known keys: " + CoordinatorConfig.DEFAULTS.keySet());
            }
            values.put(key, properties.getProperty(key));
        }
        return values;
    }

    private static Map<String, String> readEnvironment(Map<String, String> environment) {
        Map<String, String> byVariable = new LinkedHashMap<>();
        CoordinatorConfig.DEFAULTS.keySet().forEach(key -> byVariable.put(environmentVariable(key), key));
        Map<String, String> values = new LinkedHashMap<>();
        for (String variable : new TreeSet<>(environment.keySet())) {
            if (!variable.startsWith(ENV_PREFIX) || variable.equals(CONFIG_FILE_VARIABLE)) {
                continue;
            }
            String key = byVariable.get(variable);
            if (key == null) {
                throw new IllegalArgumentException("unknown environment variable " + variable + "; known: "
                        + byVariable.keySet() + " and " + CONFIG_FILE_VARIABLE);
            }
            values.put(key, environment.get(variable));
        }
        return values;
    }
}
