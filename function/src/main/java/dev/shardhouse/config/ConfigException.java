package dev.shardhouse.config;

import java.util.List;
import java.util.stream.Collectors;

/** A setting is missing or malformed. The message names the setting, what it held and the form expected. */
public final class ConfigException extends RuntimeException {

    private final String setting;

    public ConfigException(String setting, String value, String expected) {
        super(setting + (value == null ? " is not set" : " is invalid: '" + value + "'") + "; expected " + expected);
        this.setting = setting;
    }

    public ConfigException(String setting, String message) {
        super(setting + ": " + message);
        this.setting = setting;
    }

    /** Several settings refused at once: one line each, so that one start names them all. */
    public ConfigException(List<ConfigException> problems) {
        super(problems.size() + " settings need fixing:\n" + problems.stream().map(ConfigException::getMessage)
                .collect(Collectors.joining("\n")));
        this.setting = problems.stream().map(ConfigException::setting).collect(Collectors.joining(", "));
    }

    /** The refused setting's name; names separated by ", " when several were refused together. */
    public String setting() {
        return setting;
    }
}
