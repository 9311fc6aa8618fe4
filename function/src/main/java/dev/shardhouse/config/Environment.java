package dev.shardhouse.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/** Typed, validated reads of the functions' environment variables ({@link Setting}). */
public final class Environment {

    private static final Pattern STREAM_ARN = Pattern.compile("arn:[a-z-]+:kinesis:[a-z0-9-]+:\\d+:stream/[a-zA-Z0-9_.-]+");

    private final Map<String, String> variables;

    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public Optional<String> optional(Setting setting) {
        String value = variables.get(setting.name());
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String required(Setting setting) {
        return optional(setting).orElseThrow(() -> new ConfigException(setting.name(), null, setting.description()));
    }

    public String orDefault(Setting setting, String fallback) {
        return optional(setting).orElse(fallback);
    }

    /** A ClickHouse identifier, validated. */
    public String identifier(Setting setting, String fallback) {
        return Identifier.validate(setting.name(), orDefault(setting, fallback));
    }

    public String requiredIdentifier(Setting setting) {
        return Identifier.validate(setting.name(), required(setting));
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
        String value = orDefault(setting, fallback);
        if (value == null || !form.matcher(value).matches()) {
            throw new ConfigException(setting.name(), value, expected);
        }
        return value;
    }

    /** A Kinesis stream ARN; required. */
    public String streamArn(Setting setting) {
        return matching(setting, null, STREAM_ARN,
                "a Kinesis stream ARN, arn:<partition>:kinesis:<region>:<account>:stream/<name>");
    }

    public <E extends Enum<E>> E choice(Setting setting, Class<E> type, E fallback) {
        String value = orDefault(setting, fallback.name());
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw new ConfigException(setting.name(), value, "one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }

    private int wholeNumber(Setting setting, int fallback, IntPredicate allowed, String expected) {
        String value = orDefault(setting, Integer.toString(fallback));
        try {
            int parsed = Integer.parseInt(value);
            if (allowed.test(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected form
        }
        throw new ConfigException(setting.name(), value, expected);
    }
}
