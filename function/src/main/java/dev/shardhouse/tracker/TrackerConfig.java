package dev.shardhouse.tracker;

import static dev.shardhouse.config.Setting.CHECKPOINT_ARCHIVE_TABLE;
import static dev.shardhouse.config.Setting.CHECKPOINT_TABLE;
import static dev.shardhouse.config.Setting.CLICKHOUSE_DATABASE;
import static dev.shardhouse.config.Setting.CLICKHOUSE_PASSWORD;
import static dev.shardhouse.config.Setting.CLICKHOUSE_PASSWORD_SECRET_ARN;
import static dev.shardhouse.config.Setting.CLICKHOUSE_URL;
import static dev.shardhouse.config.Setting.CLICKHOUSE_USER;
import static dev.shardhouse.config.Setting.LINEAGE_TABLE;
import static dev.shardhouse.config.Setting.METRICS_NAMESPACE;
import static dev.shardhouse.config.Setting.RESHARD_EVENTS_TABLE;
import static dev.shardhouse.config.Setting.STALL_MINUTES;
import static dev.shardhouse.config.Setting.STREAM_NAME;

import dev.shardhouse.config.ConfigException;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.config.Setting;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The tracker's settings, read and checked once when the function starts.
 *
 * @param clickHousePassword          the password given in clear, or {@code null}
 * @param clickHousePasswordSecretArn the Secrets Manager secret holding the password, or {@code null}
 * @param stallAfter                  how long a checkpoint may stand still while records wait before the shard
 *                                    counts as stalled
 */
public record TrackerConfig(
        String clickHouseUrl,
        String clickHouseUser,
        String clickHousePassword,
        String clickHousePasswordSecretArn,
        String database,
        String streamName,
        String checkpointTable,
        String archiveTable,
        String lineageTable,
        String eventsTable,
        Duration stallAfter,
        String metricsNamespace) {

    private static final Pattern STREAM = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    // CloudWatch's namespace rule: at most 255 of these characters, at least one of them not a space.
    private static final Pattern NAMESPACE = Pattern.compile("(?=.*[^ ])[A-Za-z0-9.\\-_/#: ]{1,255}");
    private static final Pattern SECRET_ARN = Pattern.compile("arn:[a-z-]+:secretsmanager:[a-z0-9-]+:\\d{12}:secret:.+");

    public TrackerConfig {
        Objects.requireNonNull(clickHouseUrl, "clickHouseUrl");
        Objects.requireNonNull(clickHouseUser, "clickHouseUser");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(streamName, "streamName");
        Objects.requireNonNull(checkpointTable, "checkpointTable");
        Objects.requireNonNull(archiveTable, "archiveTable");
        Objects.requireNonNull(lineageTable, "lineageTable");
        Objects.requireNonNull(eventsTable, "eventsTable");
        Objects.requireNonNull(stallAfter, "stallAfter");
        Objects.requireNonNull(metricsNamespace, "metricsNamespace");
    }

    /** Reads the settings from an environment; every problem is a {@link ConfigException} naming the variable. */
    public static TrackerConfig fromEnvironment(Map<String, String> env) {
        String password = optional(env, CLICKHOUSE_PASSWORD);
        String secretArn = optional(env, CLICKHOUSE_PASSWORD_SECRET_ARN);
        if (password != null && secretArn != null) {
            throw new ConfigException(CLICKHOUSE_PASSWORD_SECRET_ARN.name(),
                    "set either it or " + CLICKHOUSE_PASSWORD.name() + ", not both");
        }
        if (secretArn != null && !SECRET_ARN.matcher(secretArn).matches()) {
            throw new ConfigException(CLICKHOUSE_PASSWORD_SECRET_ARN.name(), secretArn, "a Secrets Manager secret ARN");
        }
        return new TrackerConfig(
                clickHouseUrl(env),
                orDefault(env, CLICKHOUSE_USER, "default"),
                password,
                secretArn,
                identifier(env, CLICKHOUSE_DATABASE, "default"),
                matching(env, STREAM_NAME, null, STREAM, "a Kinesis stream name: 1-128 of a-z, A-Z, 0-9, '_', '.', '-'"),
                identifier(env, CHECKPOINT_TABLE, "shardhouse_checkpoints"),
                identifier(env, CHECKPOINT_ARCHIVE_TABLE, "shardhouse_checkpoints_archive"),
                identifier(env, LINEAGE_TABLE, "shardhouse_shards"),
                identifier(env, RESHARD_EVENTS_TABLE, "shardhouse_reshard_events"),
                Duration.ofMinutes(stallMinutes(env)),
                matching(env, METRICS_NAMESPACE, "Shardhouse", NAMESPACE, "a CloudWatch namespace: 1-255 of A-Z, a-z, 0-9, . - _ / # : and space"));
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "TrackerConfig[clickHouseUrl=" + clickHouseUrl + ", clickHouseUser=" + clickHouseUser
                + ", clickHousePassword=" + (clickHousePassword == null ? "unset" : "***")
                + ", clickHousePasswordSecretArn=" + clickHousePasswordSecretArn + ", database=" + database
                + ", streamName=" + streamName + ", checkpointTable=" + checkpointTable + ", archiveTable=" + archiveTable
                + ", lineageTable=" + lineageTable + ", eventsTable=" + eventsTable + ", stallAfter=" + stallAfter
                + ", metricsNamespace=" + metricsNamespace + "]";
    }

    private static String clickHouseUrl(Map<String, String> env) {
        String value = optional(env, CLICKHOUSE_URL);
        String expected = "an http(s)://host:port URL of ClickHouse's HTTP interface";
        if (value == null) {
            throw new ConfigException(CLICKHOUSE_URL.name(), null, expected);
        }
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return value;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below with the expected form
        }
        throw new ConfigException(CLICKHOUSE_URL.name(), value, expected);
    }

    private static long stallMinutes(Map<String, String> env) {
        String value = orDefault(env, STALL_MINUTES, "15");
        String expected = "a whole number of minutes from 1 to 10080";
        try {
            long minutes = Long.parseLong(value);
            if (minutes >= 1 && minutes <= 10_080) {
                return minutes;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected form
        }
        throw new ConfigException(STALL_MINUTES.name(), value, expected);
    }

    private static String identifier(Map<String, String> env, Setting setting, String fallback) {
        return Identifier.validate(setting.name(), orDefault(env, setting, fallback));
    }

    private static String matching(Map<String, String> env, Setting setting, String fallback, Pattern pattern, String expected) {
        String value = orDefault(env, setting, fallback);
        if (value == null || !pattern.matcher(value).matches()) {
            throw new ConfigException(setting.name(), value, expected);
        }
        return value;
    }

    private static String orDefault(Map<String, String> env, Setting setting, String fallback) {
        String value = optional(env, setting);
        return value == null ? fallback : value;
    }

    /** An unset or blank variable counts as absent. */
    private static String optional(Map<String, String> env, Setting setting) {
        String value = env.get(setting.name());
        return value == null || value.isBlank() ? null : value;
    }
}
