package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.config.ConfigException;
import dev.shardhouse.config.Environment;
import dev.shardhouse.config.IngestConfig;
import dev.shardhouse.source.KinesisStreams;
import dev.shardhouse.testing.TestStreams;
import dev.shardhouse.testing.StdoutCapture;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the function refuses at start, and what it never prints. */
class StartupChecksIT {

    private static IngestFixture fixture;

    @BeforeAll
    static void createFixture() {
        fixture = new IngestFixture("it_startup");
    }

    private static Map<String, String> envFor(String table) {
        return fixture.env(table, IngestFixture.uniqueName("cp_startup"));
    }

    @Test
    void aMissingTargetTableFailsTheStartNamingTheTable() {
        ConfigException error = assertThrows(ConfigException.class, () -> fixture.handler(envFor("no_such_table")));
        assertEquals("TARGET_TABLE", error.setting());
        assertTrue(error.getMessage().contains("`it_startup`.`no_such_table`"), error.getMessage());
    }

    @Test
    void aTableThatWouldNotDropRepeatedInsertsIsRefusedUnlessWarnIsChosen() {
        fixture.execute("DROP TABLE IF EXISTS DB.no_dedup");
        fixture.execute("CREATE TABLE DB.no_dedup (id UInt64) ENGINE = MergeTree ORDER BY id");

        ConfigException error = assertThrows(ConfigException.class, () -> fixture.handler(envFor("no_dedup")));
        assertTrue(error.getMessage().contains("non_replicated_deduplication_window = 0"), error.getMessage());
        assertTrue(error.getMessage().contains(
                "ALTER TABLE `it_startup`.`no_dedup` MODIFY SETTING non_replicated_deduplication_window = 10000"),
                error.getMessage());

        Map<String, String> warn = envFor("no_dedup");
        warn.put("DEDUP_WINDOW_CHECK", "WARN");
        String output = stdout(() -> fixture.handler(warn));
        assertTrue(output.contains("\"event\":\"deduplication_warning\""), output);

        fixture.execute("ALTER TABLE DB.no_dedup MODIFY SETTING non_replicated_deduplication_window = 100");
        fixture.handler(envFor("no_dedup"));
    }

    @Test
    void tupleAndJsonColumnsAreAcceptedAndVariantOrDynamicOnesRefusedByName() {
        fixture.execute("DROP TABLE IF EXISTS DB.nested_types");
        fixture.execute("CREATE TABLE DB.nested_types (id UInt64, pair Tuple(a Int32, b String), doc JSON)"
                + " ENGINE = MergeTree ORDER BY id SETTINGS non_replicated_deduplication_window = 100");
        fixture.handler(envFor("nested_types"));

        fixture.execute("ALTER TABLE DB.nested_types ADD COLUMN choice Variant(String, UInt64)");
        ConfigException variant = assertThrows(ConfigException.class, () -> fixture.handler(envFor("nested_types")));
        assertTrue(variant.getMessage().contains("column `choice` of `it_startup`.`nested_types` has type "
                + "Variant(String, UInt64), which Shardhouse cannot write: Variant is not supported"), variant.getMessage());

        fixture.execute("ALTER TABLE DB.nested_types DROP COLUMN choice, ADD COLUMN anything Dynamic");
        ConfigException dynamic = assertThrows(ConfigException.class, () -> fixture.handler(envFor("nested_types")));
        assertTrue(dynamic.getMessage().contains("column `anything` of `it_startup`.`nested_types` has type Dynamic"),
                dynamic.getMessage());
    }

    @Test
    void replicatedSecondsAreCheckedAgainstTheConfiguredRecordAge() {
        String table = IngestFixture.uniqueName("replicated");
        fixture.execute("CREATE TABLE DB." + table + " (id UInt64) ENGINE = ReplicatedMergeTree('/clickhouse/it_startup/"
                + table + "', 'r1') ORDER BY id");

        // Retried until the records expire (at least a day) against the server's default of 3600 s.
        ConfigException error = assertThrows(ConfigException.class, () -> fixture.handler(envFor(table)));
        assertTrue(error.getMessage().contains("MODIFY SETTING replicated_deduplication_window_seconds = 86400"),
                error.getMessage());

        Map<String, String> hourLong = envFor(table);
        hourLong.put("MAXIMUM_RECORD_AGE_SECONDS", "3600");
        fixture.handler(hourLong);
    }

    @Test
    void theWindowCountMustGrowWithTheStreamsOpenShards() {
        String arn = new TestStreams(fixture.kinesis).create("startup-shards", 3);
        try {
            fixture.execute("DROP TABLE IF EXISTS DB.three_shards");
            fixture.execute("CREATE TABLE DB.three_shards (id UInt64) ENGINE = MergeTree ORDER BY id"
                    + " SETTINGS non_replicated_deduplication_window = 100");
            Map<String, String> env = envFor("three_shards");
            env.put("STREAM_ARN", arn);

            ConfigException error = assertThrows(ConfigException.class, () -> pipeline(env, arn));
            assertTrue(error.getMessage().contains("fewer blocks than 300 (100 per open shard, 3)"), error.getMessage());

            fixture.execute("ALTER TABLE DB.three_shards MODIFY SETTING non_replicated_deduplication_window = 300");
            pipeline(env, arn);
        } finally {
            new TestStreams(fixture.kinesis).delete(arn);
        }
    }

    /** The pipeline as the handler builds it, with the stream described for the deduplication check. */
    private static IngestPipeline pipeline(Map<String, String> env, String streamArn) {
        IngestConfig config = IngestConfig.from(new Environment(env), arn -> {
            throw new AssertionError("no secret is configured in tests");
        });
        return IngestPipeline.create(config, () -> new KinesisStreams(fixture.kinesis),
                () -> IngestHandler.lookUp(new KinesisStreams(fixture.kinesis), streamArn, config.metricsNamespace()));
    }

    @Test
    void anUnreachableClickHouseFailsTheStartNamingTheUrl() {
        Map<String, String> env = envFor("anything");
        env.put("CLICKHOUSE_URL", "http://127.0.0.1:1");

        RuntimeException error = assertThrows(RuntimeException.class, () -> fixture.handler(env));
        assertTrue(error.getMessage().contains("http://127.0.0.1:1"), error.getMessage());
    }

    @Test
    void aRejectedPasswordIsNeverPrintedNorCarriedInTheError() {
        Map<String, String> env = envFor("anything");
        String password = "Sup3r-Secret-" + System.nanoTime();
        env.put("CLICKHOUSE_PASSWORD", password);

        RuntimeException[] error = new RuntimeException[1];
        String output = stdout(() -> error[0] = assertThrows(RuntimeException.class, () -> fixture.handler(env)));
        assertTrue(error[0].getMessage().contains("Authentication failed"), error[0].getMessage());
        for (Throwable cause = error[0]; cause != null; cause = cause.getCause()) {
            assertFalse(String.valueOf(cause.getMessage()).contains(password), "the password is in " + cause);
        }
        assertFalse(output.contains(password), "the password was printed");
    }

    private static String stdout(Runnable work) {
        return String.join("\n", StdoutCapture.during(work));
    }
}
