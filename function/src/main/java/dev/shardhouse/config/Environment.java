package dev.shardhouse.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Typed, validated reads of the functions' environment variables ({@link Setting}). A refused value does not stop the
 * reading: it is recorded and a placeholder stands in, so that {@link #verified} reports every problem of a start at
 * once, instead of one per deployment.
 */
public final class Environment {

    private static final Pattern STREAM_ARN = Pattern.compile("arn:[a-z-]+:kinesis:[a-z0-9-]+:\\d+:stream/[a-zA-Z0-9_.-]+");

    private final Map<String, String> variables;
    /** By setting: a value refused for one reason is not refused again by a later check on the placeholder. */
    private final Map<String, ConfigException> problems = new LinkedHashMap<>();

    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public Optional<String> optional(Setting setting) {
        String value = variables.get(setting.name());
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * The setting's value (or {@code fallback} when it is absent) through {@code parse}, which throws a
     * {@link ConfigException} for a value it refuses; the problem is then recorded and {@code placeholder} returned.
     *
     * @param fallback {@code null} makes the setting required
     */
    public <T> T parsed(Setting setting, String fallback, Function<String, T> parse, T placeholder) {
        return read(setting, fallback, setting.description(), parse, placeholder);
    }

    /** @param expected what a missing required setting should hold, for its error */
    private <T> T read(Setting setting, String fallback, String expected, Function<String, T> parse, T placeholder) {
        Optional<String> value = optional(setting).or(() -> Optional.ofNullable(fallback));
        try {
            return parse.apply(value.orElseThrow(() -> new ConfigException(setting.name(), null, expected)));
        } catch (ConfigException e) {
            problems.putIfAbsent(setting.name(), e);
            return placeholder;
        }
    }

    public String required(Setting setting) {
        return parsed(setting, null, Function.identity(), "");
    }

    public String orDefault(Setting setting, String fallback) {
        return optional(setting).orElse(fallback);
    }

    /** A ClickHouse identifier, validated. */
    public String identifier(Setting setting, String fallback) {
        return parsed(setting, fallback, value -> Identifier.validate(setting.name(), value), fallback);
    }

    public String requiredIdentifier(Setting setting) {
        return identifier(setting, null);
    }

    public int intBetween(Setting setting, int fallback, int min, int max) {
        return wholeNumber(setting, fallback, parsed -> parsed >= min && parsed <= max,
                "a whole number from " + min + " to " + max);
    }

    /**
     * A value of the given form, {@code expected} describing it in words for the error.
     *
     * @param fallback the value when the setting is absent; {@code null} makes the setting required
     */
    public String matching(Setting setting, String fallback, Pattern form, String expected) {
        return read(setting, fallback, expected, value -> {
            if (!form.matcher(value).matches()) {
                throw new ConfigException(setting.name(), value, expected);
            }
            return value;
        }, fallback == null ? "" : fallback);
    }

    /** A Kinesis stream ARN; required. */
    public String streamArn(Setting setting) {
        return matching(setting, null, STREAM_ARN,
                "a Kinesis stream ARN, arn:<partition>:kinesis:<region>:<account>:stream/<name>");
    }

    /** {@code true} or {@code false}, in any case. */
    public boolean flag(Setting setting, boolean fallback) {
        return parsed(setting, Boolean.toString(fallback), value -> {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new ConfigException(setting.name(), value, "true or false");
            }
            return Boolean.parseBoolean(value);
        }, fallback);
    }

    public <E extends Enum<E>> E choice(Setting setting, Class<E> type, E fallback) {
        return parsed(setting, fallback.name(), value -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value)) {
                    return constant;
                }
            }
            throw new ConfigException(setting.name(), value, "one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }, fallback);
    }

    /** Whether every setting read so far was accepted. */
    public boolean valid() {
        return problems.isEmpty();
    }

    /**
     * The configuration built from the reads, if they were all accepted.
     *
     * @throws ConfigException naming every refused setting
     */
    public <T> T verified(T config) {
        if (problems.size() == 1) {
            throw problems.values().iterator().next();
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(new ArrayList<>(problems.values()));
        }
        return config;
    }

    private int wholeNumber(Setting setting, int fallback, IntPredicate allowed, String expected) {
        return parsed(setting, Integer.toString(fallback), value -> {
            try {
                int parsed = Integer.parseInt(value);
                if (allowed.test(parsed)) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below with the expected form
            }
            throw new ConfigException(setting.name(), value, expected);
        }, fallback);
    }
}
