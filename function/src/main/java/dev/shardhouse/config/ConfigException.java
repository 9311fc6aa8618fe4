package dev.shardhouse.config;

import java.util.List;
import java.util.stream.Collectors;

/** A setting is missing or malformed. The message names the setting, what it held and the form expected. */
public final class ConfigException extends RuntimeException {

    /** What an operator checks when the stream is not found. */
    public static final String NO_SUCH_STREAM_CHECK = "check the stream's name, and that the ARN's region and account"
            + " are the stream's: Kinesis is asked in the ARN's region";

    private final String setting;

    public ConfigException(String setting, String value, String expected) {
        super(setting + (value == null ? " is not set" : " is invalid: '" + value + "'") + "; expected " + expected);
        this.setting = setting;
    }

    public ConfigException(String setting, String message) {
        super(setting + ": " + message);
        this.setting = setting;
    }

    /** STREAM_ARN names a stream Kinesis does not know, with what to check. */
    public static ConfigException noSuchStream(String streamArn, String kinesisSays) {
        return new ConfigException(Setting.STREAM_ARN.name(), "stream " + streamArn + " does not exist: "
                + kinesisSays + " (" + NO_SUCH_STREAM_CHECK + ")");
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
