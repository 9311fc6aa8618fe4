package dev.shardhouse.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How to reach ClickHouse. The password is held but never printed: {@link #toString()} masks it.
 *
 * @param url      {@code https://host[:port]} of ClickHouse's HTTP interface; {@code http://} only to a loopback address
 *                 or where CLICKHOUSE_ALLOW_HTTP says so, since the password goes in every request
 * @param database database of every Shardhouse table
 */
public record ClickHouseSettings(String url, String user, Password password, String database) {

    private static final Pattern LOOPBACK = Pattern.compile("localhost|127(\\.[0-9]{1,3}){3}|\\[::1\\]");
    /** A rotation reaches instances that meet no refusal (the old password still works) within this. */
    static final int DEFAULT_PASSWORD_CACHE_SECONDS = 900;
    private static final Pattern SECRET_ARN = Pattern.compile("arn:[a-z-]+:secretsmanager:[a-z0-9-]+:\\d+:secret:.+");

    public ClickHouseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(database, "database");
    }

    /** With a fixed password. */
    public ClickHouseSettings(String url, String user, String password, String database) {
        this(url, user, Password.fixed(password), database);
    }

    /**
     * Reads the CLICKHOUSE_* settings. The password comes from CLICKHOUSE_PASSWORD_SECRET_ARN through
     * {@code secretReader} when that is set (read at start, and again as {@link Password} says), else from
     * CLICKHOUSE_PASSWORD, else empty.
     * A malformed ARN is refused before any call to Secrets Manager.
     */
    public static ClickHouseSettings from(Environment env, Function<String, String> secretReader) {
        boolean plainHttpAllowed = env.flag(Setting.CLICKHOUSE_ALLOW_HTTP, false);
        String url = env.parsed(Setting.CLICKHOUSE_URL, null, value -> validateUrl(value, plainHttpAllowed), "");
        Password password = env.optional(Setting.CLICKHOUSE_PASSWORD_SECRET_ARN).isPresent()
                ? secret(env, secretReader)
                : Password.fixed(env.orDefault(Setting.CLICKHOUSE_PASSWORD, ""));
        return new ClickHouseSettings(url, env.orDefault(Setting.CLICKHOUSE_USER, "default"), password,
                env.identifier(Setting.CLICKHOUSE_DATABASE, "default"));
    }

    /** Secrets Manager is asked only when every setting so far is valid: a start that fails anyway needs no secret. */
    private static Password secret(Environment env, Function<String, String> secretReader) {
        String arn = env.matching(Setting.CLICKHOUSE_PASSWORD_SECRET_ARN, null, SECRET_ARN,
                "a Secrets Manager secret ARN, arn:<partition>:secretsmanager:<region>:<account>:secret:<name>");
        int lifetime = env.intBetween(Setting.CLICKHOUSE_PASSWORD_CACHE_SECONDS, DEFAULT_PASSWORD_CACHE_SECONDS, 60, 86_400);
        return env.valid()
                ? Password.fromSecret(() -> secretReader.apply(arn), Duration.ofSeconds(lifetime), Clock.systemUTC())
                : Password.fixed("");
    }

    private static String validateUrl(String value, boolean plainHttpAllowed) {
        String expected = "https://host[:port] of ClickHouse's HTTP interface, without credentials, path or query";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigException(Setting.CLICKHOUSE_URL.name(), value, expected);
        }
        boolean https = "https".equals(uri.getScheme());
        boolean http = "http".equals(uri.getScheme());
        boolean bare = uri.getUserInfo() == null && uri.getQuery() == null
                && (uri.getPath() == null || uri.getPath().isEmpty() || "/".equals(uri.getPath()));
        if (!(https || http) || uri.getHost() == null || !bare) {
            throw new ConfigException(Setting.CLICKHOUSE_URL.name(), value, expected);
        }
        if (http && !plainHttpAllowed && !isLoopback(uri.getHost())) {
            throw new ConfigException(Setting.CLICKHOUSE_URL.name(), value, expected + " (plain http:// would send the"
                    + " password in clear: it is accepted only to a loopback address, or with "
                    + Setting.CLICKHOUSE_ALLOW_HTTP.name() + "=true)");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /** A request to these never leaves the machine. Decided on the name alone: no lookup during validation. */
    private static boolean isLoopback(String host) {
        return LOOPBACK.matcher(host).matches();
    }

    @Override
    public String toString() {
        return "ClickHouseSettings[url=" + url + ", user=" + user + ", password=" + password
                + ", database=" + database + "]";
    }
}
