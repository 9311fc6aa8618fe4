package dev.shardhouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.map.RecordFormat;
import dev.shardhouse.map.UnmatchedKeysPolicy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngestConfigTest {

    private static final Function<String, String> NO_SECRETS = arn -> {
        throw new AssertionError("unexpected secret lookup of " + arn);
    };

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("CLICKHOUSE_URL", "https://abc.eu-west-1.aws.clickhouse.cloud:8443/");
        env.put("TARGET_TABLE", "orders");
        return env;
    }

    private static ConfigException refused(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> IngestConfig.from(new Environment(env), NO_SECRETS));
    }

    @Test
    void defaultsFillEverythingButTheUrlAndTable() {
        IngestConfig config = IngestConfig.from(new Environment(minimal()), NO_SECRETS);

        assertEquals("https://abc.eu-west-1.aws.clickhouse.cloud:8443", config.clickHouse().url());
        assertEquals("default", config.clickHouse().user());
        assertEquals("", config.clickHouse().password().current());
        assertEquals("default", config.clickHouse().database());
        assertEquals(RecordFormat.JSON, config.recordFormat());
        assertEquals(UnmatchedKeysPolicy.ACCEPT, config.unmatchedKeys());
        assertEquals("shardhouse_claims", config.checkpointTable());
        assertEquals("shardhouse_claims_archive", config.checkpointArchiveTable());
        assertEquals("orders_shardhouse_errors", config.errorTable());
        assertEquals(IngestConfig.DedupWindowCheck.FAIL, config.dedupWindowCheck());
        assertEquals(IngestConfig.UNTIL_RECORDS_EXPIRE, config.maximumRecordAgeSeconds());
        assertEquals("Shardhouse", config.metricsNamespace());
        assertEquals(Optional.empty(), config.streamArn());
    }

    @Test
    void aStreamArnIsReadWhenSet() {
        Map<String, String> env = minimal();
        env.put("STREAM_ARN", "arn:aws:kinesis:eu-west-1:123456789012:stream/orders-v2");

        assertEquals(Optional.of("arn:aws:kinesis:eu-west-1:123456789012:stream/orders-v2"),
                IngestConfig.from(new Environment(env), NO_SECRETS).streamArn());
    }

    @Test
    void theMaximumRecordAgeTakesWhatTheMappingAcceptsAndNothingElse() {
        for (String accepted : new String[] {"-1", "60", "86400", "604800"}) {
            Map<String, String> env = minimal();
            env.put("MAXIMUM_RECORD_AGE_SECONDS", accepted);
            assertEquals(Integer.parseInt(accepted), IngestConfig.from(new Environment(env), NO_SECRETS).maximumRecordAgeSeconds());
        }
        for (String refused : new String[] {"0", "59", "604801", "-2", "1h"}) {
            Map<String, String> env = minimal();
            env.put("MAXIMUM_RECORD_AGE_SECONDS", refused);
            assertEquals("MAXIMUM_RECORD_AGE_SECONDS", refused(env).setting(), refused);
        }
    }

    @Test
    void aStreamArnOfAnotherServiceIsRefused() {
        Map<String, String> env = minimal();
        env.put("STREAM_ARN", "arn:aws:sqs:eu-west-1:123456789012:orders");

        ConfigException error = refused(env);
        assertEquals("STREAM_ARN is invalid: 'arn:aws:sqs:eu-west-1:123456789012:orders'; expected a Kinesis stream ARN,"
                + " arn:<partition>:kinesis:<region>:<account>:stream/<name>", error.getMessage());
    }

    @Test
    void aMissingSettingIsNamedWithItsExpectedForm() {
        Map<String, String> env = minimal();
        env.remove("TARGET_TABLE");

        ConfigException error = refused(env);
        assertEquals("TARGET_TABLE", error.setting());
        assertTrue(error.getMessage().startsWith("TARGET_TABLE is not set; expected table the records are inserted into"),
                error.getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnceEachWithItsExpectedForm() {
        Map<String, String> env = minimal();
        env.remove("CLICKHOUSE_URL");
        env.remove("TARGET_TABLE");
        env.put("RECORD_FORMAT", "XML");
        env.put("CLICKHOUSE_PASSWORD_SECRET_ARN", "not-an-arn");

        ConfigException error = refused(env);
        assertEquals("TARGET_TABLE, CLICKHOUSE_URL, CLICKHOUSE_PASSWORD_SECRET_ARN, RECORD_FORMAT", error.setting());
        String[] lines = error.getMessage().split("\n");
        assertEquals("4 settings need fixing:", lines[0]);
        assertTrue(lines[1].startsWith("TARGET_TABLE is not set; expected "), lines[1]);
        assertTrue(lines[2].startsWith("CLICKHOUSE_URL is not set; expected "), lines[2]);
        assertTrue(lines[3].startsWith("CLICKHOUSE_PASSWORD_SECRET_ARN is invalid: 'not-an-arn'; expected a Secrets"), lines[3]);
        assertEquals("RECORD_FORMAT is invalid: 'XML'; expected JSON, CSV, TSV or RAW", lines[4]);
    }

    @Test
    void noSecretIsReadForAStartThatFailsAnyway() {
        Map<String, String> env = minimal();
        env.remove("TARGET_TABLE");
        env.put("CLICKHOUSE_PASSWORD_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:1:secret:ch");

        assertEquals("TARGET_TABLE", refused(env).setting());
    }

    @Test
    void anIdentifierCarryingSqlIsRefused() {
        Map<String, String> env = minimal();
        env.put("TARGET_TABLE", "x; DROP TABLE y");

        ConfigException error = refused(env);
        assertEquals("TARGET_TABLE is invalid: 'x; DROP TABLE y'; expected a ClickHouse identifier: letters, digits"
                + " and '_', not starting with a digit, at most 206 characters", error.getMessage());
    }

    @Test
    void badUrlsFormatsAndChoicesNameTheirSetting() {
        for (String url : new String[] {"ftp://host:21", "http://user:pw@host:8123", "http://host:8123/path", "host:8123"}) {
            Map<String, String> env = minimal();
            env.put("CLICKHOUSE_URL", url);
            assertEquals("CLICKHOUSE_URL", refused(env).setting(), url);
        }
        Map<String, String> format = minimal();
        format.put("RECORD_FORMAT", "XML");
        assertEquals("RECORD_FORMAT", refused(format).setting());
        Map<String, String> check = minimal();
        check.put("DEDUP_WINDOW_CHECK", "maybe");
        assertEquals("DEDUP_WINDOW_CHECK", refused(check).setting());
        Map<String, String> unmatched = minimal();
        unmatched.put("UNMATCHED_KEYS", "IGNORE");
        assertEquals("UNMATCHED_KEYS", refused(unmatched).setting());
        unmatched.put("UNMATCHED_KEYS", "reject");
        assertEquals(UnmatchedKeysPolicy.REJECT, IngestConfig.from(new Environment(unmatched), NO_SECRETS).unmatchedKeys());
    }

    @ParameterizedTest(name = "{0} with CLICKHOUSE_ALLOW_HTTP=''{1}'': accepted {2}")
    @CsvSource({
            "https://ch.example.com:8443,        '',    true",
            "http://ch.example.com:8123,         '',    false",
            "http://ch.example.com:8123,         false, false",
            "http://ch.example.com:8123,         true,  true",
            "http://ch.example.com:8123,         TRUE,  true",
            "https://ch.example.com:8443,        false, true",
            "http://127.0.0.1:8123,              '',    true",
            "http://127.3.2.1:8123,              '',    true",
            "http://localhost:8123,              '',    true",
            "http://[::1]:8123,                  '',    true",
            "http://127.0.0.1.example.com:8123,  '',    false",
            "http://localhost.example.com:8123,  '',    false",
            "http://10.0.0.5:8123,               '',    false",
    })
    void plainHttpSendsThePasswordInClearSoOnlyLoopbackOrAnExplicitAllowanceTakesIt(String url, String allow,
                                                                                    boolean accepted) {
        Map<String, String> env = minimal();
        env.put("CLICKHOUSE_URL", url);
        env.put("CLICKHOUSE_ALLOW_HTTP", allow);
        if (accepted) {
            assertEquals(url, IngestConfig.from(new Environment(env), NO_SECRETS).clickHouse().url());
        } else {
            ConfigException error = refused(env);
            assertEquals("CLICKHOUSE_URL", error.setting());
            assertTrue(error.getMessage().contains("in clear") && error.getMessage().contains("CLICKHOUSE_ALLOW_HTTP=true"),
                    error.getMessage());
        }
    }

    @Test
    void theHttpAllowanceIsTrueOrFalseAndNothingElse() {
        Map<String, String> env = minimal();
        env.put("CLICKHOUSE_ALLOW_HTTP", "yes");
        assertEquals("CLICKHOUSE_ALLOW_HTTP is invalid: 'yes'; expected true or false", refused(env).getMessage());
    }

    @Test
    void theSecretWinsOverAPlainPasswordAndIsNeverPrinted() {
        Map<String, String> env = minimal();
        env.put("CLICKHOUSE_PASSWORD", "plain-password");
        env.put("CLICKHOUSE_PASSWORD_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:1:secret:ch");

        IngestConfig config = IngestConfig.from(new Environment(env),
                arn -> SecretsManagerPasswords.passwordIn("{\"username\":\"u\",\"password\":\"from-the-secret\"}", arn));
        assertEquals("from-the-secret", config.clickHouse().password().current());
        assertFalse(config.toString().contains("from-the-secret"), config.toString());
        assertTrue(config.toString().contains("password=****"), config.toString());
    }

    @Test
    void secretsArePlainStringsOrJsonWithAPasswordField() {
        assertEquals("p@ss", SecretsManagerPasswords.passwordIn("p@ss", "arn"));
        assertEquals("p@ss", SecretsManagerPasswords.passwordIn("{\"password\":\"p@ss\"}", "arn"));
        ConfigException error = assertThrows(ConfigException.class,
                () -> SecretsManagerPasswords.passwordIn("{\"pwd\":\"hidden-value\"}", "arn:x"));
        assertEquals("CLICKHOUSE_PASSWORD_SECRET_ARN", error.setting());
        assertFalse(error.getMessage().contains("hidden-value"), error.getMessage());
    }
}
