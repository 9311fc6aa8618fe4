package dev.shardhouse.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shardhouse.config.ConfigException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackerConfigTest {

    private static final Map<String, String> MINIMAL = Map.of(
            "CLICKHOUSE_URL", "https://ch.example.com:8443",
            "STREAM_NAME", "orders");

    @Test
    void defaultsFillEverythingButTheUrlAndStream() {
        assertEquals(new TrackerConfig("https://ch.example.com:8443", "default", null, null, "default", "orders",
                        "shardhouse_checkpoints", "shardhouse_checkpoints_archive", "shardhouse_shards",
                        "shardhouse_reshard_events", Duration.ofMinutes(15), "Shardhouse"),
                TrackerConfig.fromEnvironment(MINIMAL));
    }

    @Test
    void everySettingIsRead() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("CLICKHOUSE_URL", "http://127.0.0.1:8123"),
                Map.entry("CLICKHOUSE_USER", "tracker"),
                Map.entry("CLICKHOUSE_PASSWORD_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ch-AbCdEf"),
                Map.entry("CLICKHOUSE_DATABASE", "analytics"),
                Map.entry("STREAM_NAME", "clicks.v2"),
                Map.entry("CHECKPOINT_TABLE", "ckpt"),
                Map.entry("CHECKPOINT_ARCHIVE_TABLE", "ckpt_archive"),
                Map.entry("LINEAGE_TABLE", "shards"),
                Map.entry("RESHARD_EVENTS_TABLE", "events"),
                Map.entry("STALL_MINUTES", "5"),
                Map.entry("METRICS_NAMESPACE", "Team/Shardhouse"));

        assertEquals(new TrackerConfig("http://127.0.0.1:8123", "tracker", null,
                        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ch-AbCdEf", "analytics", "clicks.v2",
                        "ckpt", "ckpt_archive", "shards", "events", Duration.ofMinutes(5), "Team/Shardhouse"),
                TrackerConfig.fromEnvironment(env));
    }

    @Test
    void missingUrlIsNamed() {
        assertEquals("CLICKHOUSE_URL", failure(Map.of("STREAM_NAME", "orders")).setting());
    }

    @Test
    void malformedValuesAreNamed() {
        assertEquals("CLICKHOUSE_URL", failure(with("CLICKHOUSE_URL", "ftp://host")).setting());
        assertEquals("CLICKHOUSE_URL", failure(with("CLICKHOUSE_URL", "not a url")).setting());
        assertEquals("STREAM_NAME", failure(with("STREAM_NAME", "orders/x")).setting());
        assertEquals("LINEAGE_TABLE", failure(with("LINEAGE_TABLE", "shards; DROP TABLE x")).setting());
        assertEquals("CLICKHOUSE_DATABASE", failure(with("CLICKHOUSE_DATABASE", "1db")).setting());
        assertEquals("STALL_MINUTES", failure(with("STALL_MINUTES", "0")).setting());
        assertEquals("STALL_MINUTES", failure(with("STALL_MINUTES", "ten")).setting());
        assertEquals("METRICS_NAMESPACE", failure(with("METRICS_NAMESPACE", "team|shardhouse")).setting());
        assertEquals("CLICKHOUSE_PASSWORD_SECRET_ARN", failure(with("CLICKHOUSE_PASSWORD_SECRET_ARN", "my-secret")).setting());
    }

    @Test
    void missingStreamIsNamed() {
        ConfigException e = failure(Map.of("CLICKHOUSE_URL", "http://127.0.0.1:8123"));

        assertEquals("STREAM_NAME", e.setting());
        assertEquals("STREAM_NAME is not set; expected a Kinesis stream name: 1-128 of a-z, A-Z, 0-9, '_', '.', '-'", e.getMessage());
    }

    @Test
    void passwordAndSecretTogetherAreRefused() {
        Map<String, String> env = new HashMap<>(MINIMAL);
        env.put("CLICKHOUSE_PASSWORD", "s3cret");
        env.put("CLICKHOUSE_PASSWORD_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:ch");

        assertEquals("CLICKHOUSE_PASSWORD_SECRET_ARN", failure(env).setting());
    }

    @Test
    void toStringHidesThePassword() {
        TrackerConfig config = TrackerConfig.fromEnvironment(with("CLICKHOUSE_PASSWORD", "s3cret-value"));

        assertEquals("s3cret-value", config.clickHousePassword());
        assertFalse(config.toString().contains("s3cret-value"), config.toString());
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> env = new HashMap<>(MINIMAL);
        env.put(name, value);
        return env;
    }

    private static ConfigException failure(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> TrackerConfig.fromEnvironment(env));
    }
}
