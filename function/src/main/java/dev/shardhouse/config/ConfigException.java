package dev.shardhouse.config;

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

    public String setting() {
        return setting;
    }
}
