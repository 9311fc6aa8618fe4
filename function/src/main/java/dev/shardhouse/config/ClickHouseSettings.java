package dev.shardhouse.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How to reach ClickHouse. The password is held but never printed: {@link #toString()} masks it.
 *
 * @param url      {@code http(s)://host[:port]} of ClickHouse's HTTP interface
 * @param database database of every Shardhouse table
 */
public record ClickHouseSettings(String url, String user, String password, String database) {

    private static final Pattern SECRET_ARN = Pattern.compile("arn:[a-z-]+:secretsmanager:[a-z0-9-]+:\\d+:secret:.+");

    public ClickHouseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(database, "database");
    }

    /**
     * Reads the CLICKHOUSE_* settings. The password comes from CLICKHOUSE_PASSWORD_SECRET_ARN through
     * {@code secretReader} when that is set (read once, at start), else from CLICKHOUSE_PASSWORD, else empty.
     * A malformed ARN is refused before any call to Secrets Manager.
     */
    public static ClickHouseSettings from(Environment env, Function<String, String> secretReader) {
        String url = env.parsed(Setting.CLICKHOUSE_URL, null, ClickHouseSettings::validateUrl, "");
        String password = env.optional(Setting.CLICKHOUSE_PASSWORD_SECRET_ARN).isPresent()
                ? secret(env, secretReader)
                : env.orDefault(Setting.CLICKHOUSE_PASSWORD, "");
        return new ClickHouseSettings(url, env.orDefault(Setting.CLICKHOUSE_USER, "default"), password,
                env.identifier(Setting.CLICKHOUSE_DATABASE, "default"));
    }

    /** Secrets Manager is asked only when every setting so far is valid: a start that fails anyway needs no secret. */
    private static String secret(Environment env, Function<String, String> secretReader) {
        String arn = env.matching(Setting.CLICKHOUSE_PASSWORD_SECRET_ARN, null, SECRET_ARN,
                "a Secrets Manager secret ARN, arn:<partition>:secretsmanager:<region>:<account>:secret:<name>");
        return env.valid() ? secretReader.apply(arn) : "";
    }

    private static String validateUrl(String value) {
        String expected = "http(s)://host[:port] of ClickHouse's HTTP interface, without credentials, path or query";
        try {
            URI uri = new URI(value);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            boolean bare = uri.getUserInfo() == null && uri.getQuery() == null
                    && (uri.getPath() == null || uri.getPath().isEmpty() || "/".equals(uri.getPath()));
            if (web && uri.getHost() != null && bare) {
                return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            }
        } catch (URISyntaxException e) {
            // reported below with the expected form
        }
        throw new ConfigException(Setting.CLICKHOUSE_URL.name(), value, expected);
    }

    @Override
    public String toString() {
        return "ClickHouseSettings[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "(none)" : "****")
                + ", database=" + database + "]";
    }
}
