package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.shardhouse.clickhouse.ClickHouseFailure;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.Phase;
import dev.shardhouse.testing.FaultyCheckpointStore;
import dev.shardhouse.testing.FaultyCheckpointStore.Fault;
import dev.shardhouse.testing.TestStreams;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once when the world changes between an attempt and its retry (issue 12): the table altered, a view or a
 * constraint refusing rows, a refusal that heals, a second pipeline on the same stream. Each test asserts the exact
 * contents of the target and error tables; each failed on the protocol that re-derived a replay from today's state.
 */
class ChangingWorldIT {

    private static final String SHARD = "shardId-000000000000";
    private static IngestFixture fixture;
    private static String streamArn;

    @BeforeAll
    static void createStream() {
        fixture = new IngestFixture("it_changing_world");
        streamArn = new TestStreams(fixture.kinesis).create("it-changing-world", 1);
    }

    private static KinesisEvent event(int first, int count, IntFunction<String> json) {
        return IngestFixture.event(streamArn, SHARD, first, count, json);
    }

    private static List<String> rows(String query) {
        return fixture.query(query).stream().map(row -> row.getString(1)).toList();
    }

    private static Checkpoint checkpoint(IngestHandler handler) {
        return handler.pipeline().processor().checkpoints()
                .read(handler.pipeline().streams().identity(streamArn), SHARD);
    }

    @Test
    void aViewThatRefusesARowNeverMakesTheTargetHoldARecordTwice() {
        Map<String, String> env = fixture.table("viewed", "id UInt32, note String");
        fixture.execute("DROP TABLE IF EXISTS DB.viewed_numbers");
        fixture.execute("CREATE TABLE DB.viewed_numbers (id UInt32, n UInt32) ENGINE = MergeTree ORDER BY id");
        fixture.execute("DROP VIEW IF EXISTS DB.viewed_mv");
        fixture.execute("CREATE MATERIALIZED VIEW DB.viewed_mv TO DB.viewed_numbers"
                + " AS SELECT id, toUInt32(note) AS n FROM DB.viewed");
        KinesisEvent batch = event(0, 4, i -> "{\"id\":" + i + ",\"note\":\"" + (i == 1 ? "x" : i) + "\"}");
        IngestHandler handler = fixture.handler(env);

        BatchOutcome outcome = IngestFixture.process(handler, batch);
        handler.handleRequest(batch, null);

        assertEquals(List.of("0", "1", "2", "3"), rows("SELECT toString(id) FROM DB.viewed ORDER BY id"));
        assertEquals(0, fixture.count("SELECT count() FROM DB.viewed_shardhouse_errors"));
        assertNotNull(outcome.viewFailure(), "the view's failure is reported");
        assertTrue(outcome.viewFailure().contains("viewed_mv"), outcome.viewFailure());
        assertEquals(4, outcome.inserted());
    }

    @Test
    void aClaimClickHouseRefusesWholeIsReleasedSoSmallerBatchesGoThrough() {
        Map<String, String> env = fixture.table("partitioned", "id UInt32");
        fixture.execute("DROP TABLE DB.partitioned");
        fixture.execute("CREATE TABLE DB.partitioned (id UInt32) ENGINE = MergeTree PARTITION BY id ORDER BY id"
                + " SETTINGS non_replicated_deduplication_window = 1000");
        KinesisEvent batch = event(0, 150, i -> "{\"id\":" + i + "}");
        IngestHandler handler = fixture.handler(env);

        BatchFailedException failed = assertThrows(BatchFailedException.class, () -> handler.handleRequest(batch, null));
        assertFalse(ClickHouseFailure.of(failed).isRetryable(), "too many partitions per block is no transient fault");
        assertTrue(failed.getCause().getMessage().contains("the claim is released"), failed.getCause().getMessage());
        assertEquals(Phase.AFTER_PROCESSING, checkpoint(handler).phase(), "the claim is released");

        // Bisect-on-error: halves of 75 records span 75 partitions each, under the limit of 100.
        handler.handleRequest(IngestFixture.slice(batch, 0, 75), null);
        handler.handleRequest(IngestFixture.slice(batch, 75, 150), null);
        assertEquals(150, fixture.count("SELECT count() FROM DB.partitioned"));
        assertEquals(150, fixture.count("SELECT uniqExact(id) FROM DB.partitioned"));
    }

    @Test
    void aWarmInstanceWritesTheTableAsItIsAfterItWasAltered() {
        Map<String, String> env = fixture.table("altered", "id UInt32, v UInt32");
        IngestHandler handler = fixture.handler(env);
        handler.handleRequest(event(0, 3, i -> "{\"id\":" + i + ",\"v\":" + (7 + i) + "}"), null);

        fixture.execute("ALTER TABLE DB.altered MODIFY COLUMN v Float32");
        handler.handleRequest(event(3, 3, i -> "{\"id\":" + i + ",\"v\":" + (4 + i) + ".5}"), null);
        assertEquals(List.of("7", "8", "9", "7.5", "8.5", "9.5"), rows("SELECT toString(v) FROM DB.altered ORDER BY id"));

        fixture.execute("ALTER TABLE DB.altered ADD COLUMN amount Float64");
        handler.handleRequest(event(6, 1, i -> "{\"id\":" + i + ",\"v\":1,\"amount\":2.25}"), null);
        assertEquals(List.of("2.25"), rows("SELECT toString(amount) FROM DB.altered WHERE id = 6"));

        fixture.execute("ALTER TABLE DB.altered DROP COLUMN amount");
        handler.handleRequest(event(7, 1, i -> "{\"id\":" + i + ",\"v\":1,\"amount\":3}"), null);
        assertEquals(8, fixture.count("SELECT count() FROM DB.altered"));
        assertEquals(0, fixture.count("SELECT count() FROM DB.altered_shardhouse_errors"));
    }

    @Test
    void aRefusalThatHealsBeforeTheReplayDoesNotLetTheRefusedRecordIntoBothTables() {
        Map<String, String> env = fixture.table("healed", "id UInt32, CONSTRAINT small CHECK id < 1000");
        KinesisEvent batch = event(0, 8, i -> "{\"id\":" + (i == 3 ? 5003 : i) + "}");
        IngestHandler dying = fixture.handler(env, FaultyCheckpointStore.injecting(Fault.BEFORE_COMMIT, 1));
        assertThrows(BatchFailedException.class, () -> dying.handleRequest(batch, null));
        assertEquals(7, fixture.count("SELECT count() FROM DB.healed"));
        assertEquals(1, fixture.count("SELECT count() FROM DB.healed_shardhouse_errors"));

        fixture.execute("ALTER TABLE DB.healed DROP CONSTRAINT small");
        IngestHandler restarted = fixture.handler(env);
        BatchOutcome replayed = IngestFixture.process(restarted, batch);

        assertEquals(List.of("0", "1", "2", "4", "5", "6", "7"), rows("SELECT toString(id) FROM DB.healed ORDER BY id"));
        assertEquals(List.of("1003"), rows("SELECT sequence_number FROM DB.healed_shardhouse_errors"));
        assertEquals(8, replayed.recovered());
        assertEquals(0, replayed.inserted(), "a replay cannot tell what ClickHouse kept, so it inserts nothing new");
        assertEquals(0, replayed.duplicates(), "the recovered records are not counted again as duplicates");
    }

    @Test
    void aRecordTheAttemptSentToTheErrorTableGoesThereOnReplayEvenIfItMapsNow() {
        Map<String, String> env = fixture.table("widened", "id UInt32, name String");
        KinesisEvent batch = event(0, 8, i -> "{\"id\":" + (i == 2 ? "\"two\"" : i) + ",\"name\":\"n" + i + "\"}");
        fixture.execute("DROP TABLE IF EXISTS DB.widened_errors_away");
        IngestHandler dying = fixture.handler(env);
        // The error-table insert fails after the target insert: the claim stays pending.
        fixture.execute("RENAME TABLE DB.widened_shardhouse_errors TO DB.widened_errors_away");
        assertThrows(BatchFailedException.class, () -> dying.handleRequest(batch, null));
        assertEquals(7, fixture.count("SELECT count() FROM DB.widened"));

        fixture.execute("ALTER TABLE DB.widened MODIFY COLUMN id String");
        fixture.execute("RENAME TABLE DB.widened_errors_away TO DB.widened_shardhouse_errors");
        fixture.handler(env).handleRequest(batch, null);

        assertEquals(List.of("n0", "n1", "n3", "n4", "n5", "n6", "n7"), rows("SELECT name FROM DB.widened ORDER BY name"));
        assertEquals(List.of("1002"), rows("SELECT sequence_number FROM DB.widened_shardhouse_errors"));
    }

    @Test
    void twoPipelinesOnOneStreamIntoTwoTablesEachGetEveryRecordAndIntoOneTableShareIt() {
        Map<String, String> first = fixture.table("first", "id UInt32");
        Map<String, String> second = fixture.table("second", "id UInt32");
        String sharedCheckpoints = IngestFixture.uniqueName("cp_shared");
        first.put("CHECKPOINT_TABLE", sharedCheckpoints);
        second.put("CHECKPOINT_TABLE", sharedCheckpoints);
        KinesisEvent batch = event(0, 20, i -> "{\"id\":" + i + "}");

        fixture.handler(first).handleRequest(batch, null);
        fixture.handler(second).handleRequest(batch, null);
        fixture.handler(second).handleRequest(batch, null); // a second deployment writing the same table

        assertEquals(20, fixture.count("SELECT count() FROM DB.first"));
        assertEquals(20, fixture.count("SELECT count() FROM DB.second"));
        assertEquals(20, fixture.count("SELECT uniqExact(id) FROM DB.second"));
    }

    @Test
    void aRefusedRecordIsCountedAsFailedAndTheOthersAsInserted() {
        Map<String, String> env = fixture.table("checked", "id UInt32, CONSTRAINT small CHECK id < 1000");
        KinesisEvent batch = event(0, 8, i -> "{\"id\":" + (i == 3 ? 5003 : i) + "}");

        BatchOutcome outcome = IngestFixture.process(fixture.handler(env), batch);

        assertEquals(7, outcome.inserted());
        assertEquals(1, outcome.failed());
        assertEquals(0, outcome.recovered(), "the re-routed claim is this batch's own, written once");
        assertEquals(7, fixture.count("SELECT count() FROM DB.checked"));
        assertEquals(List.of("1003"), rows("SELECT sequence_number FROM DB.checked_shardhouse_errors"));
    }
}
