package dev.shardhouse.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shardhouse.config.ClickHouseSettings;
import dev.shardhouse.config.ConfigException;
import dev.shardhouse.config.Environment;
import dev.shardhouse.config.Setting;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TrackerConfigTest {

    private static final Map<String, String> MINIMAL = Map.of(
            "CLICKHOUSE_URL", "https://ch.example.com:8443",
            "STREAM_ARN", "arn:aws:kinesis:eu-west-1:123456789012:stream/orders",
            "TARGET_TABLE", "orders");
    private static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ch-AbCdEf";
    /** Secrets Manager holding one secret; asking for any other fails the test. */
    private static final Function<String, String> SECRETS = arn -> {
        if (!SECRET_ARN.equals(arn)) {
            throw new AssertionError("unexpected secret lookup of " + arn);
        }
        return "from-the-secret";
    };

    @Test
    void defaultsFillEverythingButTheUrlStreamAndTable() {
        assertEquals(new TrackerConfig(new ClickHouseSettings("https://ch.example.com:8443", "default", "", "default"),
                        "arn:aws:kinesis:eu-west-1:123456789012:stream/orders", "orders",
                        "shardhouse_claims", "shardhouse_claims_archive", "shardhouse_shards",
                        "shardhouse_reshard_events", Duration.ofMinutes(15), "Shardhouse"),
                read(MINIMAL));
    }

    @Test
    void everySettingIsRead() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("CLICKHOUSE_URL", "http://127.0.0.1:8123"),
                Map.entry("CLICKHOUSE_USER", "tracker"),
                Map.entry("CLICKHOUSE_PASSWORD_SECRET_ARN", SECRET_ARN),
                Map.entry("CLICKHOUSE_DATABASE", "analytics"),
                Map.entry("STREAM_ARN", "arn:aws-cn:kinesis:cn-north-1:210987654321:stream/clicks.v2"),
                Map.entry("TARGET_TABLE", "clicks"),
                Map.entry("CHECKPOINT_TABLE", "ckpt"),
                Map.entry("CHECKPOINT_ARCHIVE_TABLE", "ckpt_archive"),
                Map.entry("LINEAGE_TABLE", "shards"),
                Map.entry("RESHARD_EVENTS_TABLE", "events"),
                Map.entry("STALL_MINUTES", "5"),
                Map.entry("METRICS_NAMESPACE", "Team/Shardhouse"));

        assertEquals(new TrackerConfig(new ClickHouseSettings("http://127.0.0.1:8123", "tracker", "from-the-secret", "analytics"),
                        "arn:aws-cn:kinesis:cn-north-1:210987654321:stream/clicks.v2", "clicks", "ckpt", "ckpt_archive", "shards", "events", Duration.ofMinutes(5), "Team/Shardhouse"),
                read(env));
    }

    @Test
    void missingUrlIsNamed() {
        assertEquals("CLICKHOUSE_URL", failure(Map.of("STREAM_ARN", MINIMAL.get("STREAM_ARN"),
                "TARGET_TABLE", "orders")).setting());
    }

    @Test
    void malformedValuesAreNamed() {
        assertEquals("CLICKHOUSE_URL", failure(with("CLICKHOUSE_URL", "ftp://host")).setting());
        assertEquals("CLICKHOUSE_URL", failure(with("CLICKHOUSE_URL", "not a url")).setting());
        assertEquals("STREAM_ARN", failure(with("STREAM_ARN", "orders")).setting());
        assertEquals("STREAM_ARN", failure(with("STREAM_ARN", "arn:aws:sqs:eu-west-1:123456789012:orders")).setting());
        assertEquals("LINEAGE_TABLE", failure(with("LINEAGE_TABLE", "shards; DROP TABLE x")).setting());
        assertEquals("CLICKHOUSE_DATABASE", failure(with("CLICKHOUSE_DATABASE", "1db")).setting());
        assertEquals("STALL_MINUTES", failure(with("STALL_MINUTES", "0")).setting());
        assertEquals("STALL_MINUTES", failure(with("STALL_MINUTES", "10081")).setting());
        assertEquals("STALL_MINUTES", failure(with("STALL_MINUTES", "ten")).setting());
        assertEquals("METRICS_NAMESPACE", failure(with("METRICS_NAMESPACE", "team|shardhouse")).setting());
        assertEquals("CLICKHOUSE_PASSWORD_SECRET_ARN", failure(with("CLICKHOUSE_PASSWORD_SECRET_ARN", "my-secret")).setting());
    }

    @Test
    void missingStreamIsNamed() {
        ConfigException e = failure(Map.of("CLICKHOUSE_URL", "http://127.0.0.1:8123", "TARGET_TABLE", "orders"));

        assertEquals("STREAM_ARN", e.setting());
        assertEquals("STREAM_ARN is not set; expected a Kinesis stream ARN, arn:<partition>:kinesis:<region>:<account>:stream/<name>",
                e.getMessage());
    }

    @Test
    void missingSettingsAreAllNamed() {
        ConfigException e = failure(Map.of());

        assertEquals("STREAM_ARN, CLICKHOUSE_URL, TARGET_TABLE", e.setting());
        assertEquals("3 settings need fixing:\n"
                + "STREAM_ARN is not set; expected a Kinesis stream ARN, arn:<partition>:kinesis:<region>:<account>:stream/<name>\n"
                + "CLICKHOUSE_URL is not set; expected " + Setting.CLICKHOUSE_URL.description() + "\n"
                + "TARGET_TABLE is not set; expected " + Setting.TARGET_TABLE.description(), e.getMessage());
    }

    @Test
    void toStringHidesThePassword() {
        TrackerConfig config = read(with("CLICKHOUSE_PASSWORD", "s3cret-value"));

        assertEquals("s3cret-value", config.clickHouse().password().current());
        assertFalse(config.toString().contains("s3cret-value"), config.toString());
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> env = new HashMap<>(MINIMAL);
        env.put(name, value);
        return env;
    }

    private static TrackerConfig read(Map<String, String> env) {
        return TrackerConfig.from(new Environment(env), SECRETS);
    }

    private static ConfigException failure(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> read(env));
    }
}
