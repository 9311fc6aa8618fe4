package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.shardhouse.testing.FaultyCheckpointStore;
import dev.shardhouse.testing.FaultyCheckpointStore.Fault;
import dev.shardhouse.testing.FirstClaimHook;
import dev.shardhouse.testing.TestStreams;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refusals an earlier form of the claim protocol mis-read (found by an adversarial review; each failed on 3de8547):
 * a refusal is acted on only where it is certain that nothing under the claim's token was stored, a row the table's
 * keys refuse is found by the dry run, a claim's routing always fits, and a refused value imitating a view's failure
 * is not taken for one.
 */
class RefusalCertaintyIT {

    private static final String SHARD = "shardId-000000000000";
    private static IngestFixture fixture;
    private static String streamArn;

    @BeforeAll
    static void createStream() {
        fixture = new IngestFixture("it_refusal_certainty");
        streamArn = new TestStreams(fixture.kinesis).create("it-refusal-certainty", 1);
    }

    private static Map<String, String> table(String name, String columnsAndEngine) {
        fixture.execute("DROP TABLE IF EXISTS DB." + name);
        fixture.execute("DROP TABLE IF EXISTS DB." + name + "_shardhouse_errors");
        fixture.execute("CREATE TABLE DB." + name + " (" + columnsAndEngine);
        return fixture.env(name, IngestFixture.uniqueName("cp_" + name));
    }

    private static KinesisEvent event(int first, int count, IntFunction<String> json) {
        return IngestFixture.event(streamArn, SHARD, first, count, json);
    }

    /** Lambda retries a failing batch (and bisects it): try it a few times, then each record alone. */
    private static void deliverUntilItPasses(IngestHandler handler, KinesisEvent batch) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                handler.handleRequest(batch, null);
                return;
            } catch (BatchFailedException e) {
                // retried, as the event source mapping would
            }
        }
        for (int i = 0; i < batch.getRecords().size(); i++) {
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    handler.handleRequest(IngestFixture.slice(batch, i, i + 1), null);
                    break;
                } catch (BatchFailedException e) {
                    // retried
                }
            }
        }
    }

    /**
     * Was: a row that the target table's SORTING KEY (or partition key) expression cannot compute is refused with a
     * "rejected data" code (6 CANNOT_PARSE_TEXT here), but the dry run on {@code CREATE TABLE … AS target ENGINE = Null}
     * drops ORDER BY/PARTITION BY and so refuses nothing. RefusedRows.find returns empty, the claim is released and
     * the batch fails; every retry and every bisected half does the same, down to the single bad record: the shard is
     * blocked forever by one record that belongs in the error table.
     */
    @Test
    void aRowTheSortingKeyCannotComputeGoesToTheErrorTableInsteadOfBlockingTheShard() {
        Map<String, String> env = table("sortkey", "id UInt32, code String) ENGINE = MergeTree ORDER BY toUInt32(code)"
                + " SETTINGS non_replicated_deduplication_window = 1000");
        KinesisEvent batch = event(0, 4, i -> "{\"id\":" + i + ",\"code\":\"" + (i == 1 ? "x" : Integer.toString(i)) + "\"}");
        IngestHandler handler = fixture.handler(env);

        deliverUntilItPasses(handler, batch);

        assertEquals(3, fixture.count("SELECT count() FROM DB.sortkey"),
                "the three good records are in the target table");
        assertEquals(1, fixture.count("SELECT count() FROM DB.sortkey_shardhouse_errors"),
                "the record whose sorting key cannot be computed is in the error table, not blocking the shard");
    }

    /**
     * Was: a replayed claim is released on a load-dependent "nothing written" (252 TOO_MANY_PARTS, merges lagging),
     * although its first attempt DID write. ShardBatchProcessor.write releases whenever the table definition is
     * unchanged, but that proves only that the definition did not change, not that the earlier attempt under the
     * claim's token was refused too. The records are claimed again under a new token and stored twice.
     */
    @Test
    void aReplayMeetingTooManyPartsDoesNotReleaseAClaimWhoseFirstAttemptWasStored() {
        Map<String, String> env = table("crowded", "id UInt32) ENGINE = MergeTree ORDER BY id"
                + " SETTINGS non_replicated_deduplication_window = 1000, parts_to_delay_insert = 2,"
                + " parts_to_throw_insert = 2, max_delay_to_insert = 1");
        fixture.execute("SYSTEM STOP MERGES DB.crowded");
        KinesisEvent batch = event(100, 5, i -> "{\"id\":" + i + "}");

        IngestHandler dying = fixture.handler(env, FaultyCheckpointStore.injecting(Fault.BEFORE_COMMIT, 1));
        assertThrows(BatchFailedException.class, () -> dying.handleRequest(batch, null));
        assertEquals(5, fixture.count("SELECT count() FROM DB.crowded"), "the first attempt stored the claim");

        fixture.execute("INSERT INTO DB.crowded VALUES (1)"); // another writer: a second part, merges lagging
        IngestHandler restarted = fixture.handler(env);
        assertThrows(BatchFailedException.class, () -> restarted.handleRequest(batch, null), "too many parts");

        fixture.execute("SYSTEM START MERGES DB.crowded");
        fixture.execute("OPTIMIZE TABLE DB.crowded FINAL");
        deliverUntilItPasses(restarted, batch);

        assertEquals(5, fixture.count("SELECT count() FROM DB.crowded WHERE id >= 100"),
                "each record of the claim once: the replay's 252 must not release a claim that was stored");
    }

    /**
     * Was: a refusal on replay is taken as proof that the first attempt was refused too whenever the table definition
     * is unchanged. A CHECK constraint that depends on the time (a common "reject stale events" rule) accepts a row on
     * the attempt and refuses it on the replay: ClickHouse checks constraints before it looks at the deduplication
     * token. The replay's dry run finds the row, re-routes the claim under a NEW token and inserts the other rows again
     * (duplicates), and sends the refused row to the error table although the target holds it (both tables).
     */
    @Test
    void aConstraintThatRefusesOnlyOnTheReplayDoesNotDuplicateTheClaimOrPutARecordInBothTables() throws Exception {
        Map<String, String> env = table("fresh", "id UInt32, ts UInt32,"
                + " CONSTRAINT recent CHECK ts + 3 > toUnixTimestamp(now())) ENGINE = MergeTree ORDER BY id"
                + " SETTINGS non_replicated_deduplication_window = 1000");
        long now = System.currentTimeMillis() / 1000;
        KinesisEvent batch = event(200, 4, i -> "{\"id\":" + i + ",\"ts\":" + (i == 203 ? now : now + 3600) + "}");

        IngestHandler dying = fixture.handler(env, FaultyCheckpointStore.injecting(Fault.BEFORE_COMMIT, 1));
        assertThrows(BatchFailedException.class, () -> dying.handleRequest(batch, null));
        assertEquals(4, fixture.count("SELECT count() FROM DB.fresh"), "the first attempt stored all four");

        Thread.sleep(4_500); // record 203 is now stale for the constraint
        deliverUntilItPasses(fixture.handler(env), batch);

        assertEquals(4, fixture.count("SELECT count() FROM DB.fresh"), "the replay stored nothing twice");
        assertEquals(0, fixture.count("SELECT count() FROM DB.fresh_shardhouse_errors"),
                "record 203 is in the target table from the first attempt: it must not also be in the error table");
    }

    /**
     * Was: the claim pins its routing (ordinal=base64(reason) per record) and the checkpoint store sends it as an HTTP
     * query parameter; ClickHouse refuses a form field over http_max_field_value_size (128 KiB) with "HTML Form
     * Exception: Field value too long" (code 1000, HTTP 500). A default-size batch (BatchSize 1000, bisect off) of
     * records that are not JSON — each reason quotes Jackson's ~250-character message — makes a ~340 KB routing: the
     * claim's compare-and-set throws on every attempt and the shard is blocked forever by exactly the input the error
     * table exists for. (Fails with about 400 such records already; ClaimSizeIT shows it on the store alone.)
     */
    @Test
    void aDefaultSizeBatchOfRecordsThatAreNotJsonGoesToTheErrorTable() {
        Map<String, String> env = table("garbage", "id UInt32) ENGINE = MergeTree ORDER BY id"
                + " SETTINGS non_replicated_deduplication_window = 1000");
        KinesisEvent batch = event(10_000, 1000, i -> "this is not JSON, it is record " + i);
        IngestHandler handler = fixture.handler(env);

        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                handler.handleRequest(batch, null);
                last = null;
                break;
            } catch (BatchFailedException e) {
                last = e;
            }
        }

        assertEquals(null, last, "the batch passes; it failed with: " + last);
        assertEquals(1000, fixture.count("SELECT count() FROM DB.garbage_shardhouse_errors"),
                "every record that is not JSON is in the error table");
    }

    /**
     * Was (issue 12 case 3 as a race): the table definition is read before the claim, but the insert named only the
     * columns (RowBinaryWithDefaults with a column list), not their types. A {@code MODIFY COLUMN v Float32} landing
     * between the definition read and the insert (here: right after the claim's compare-and-set, the exact window)
     * made ClickHouse read the UInt32 bytes as Float32: 7 was stored as 1e-44, silently, and the claim committed.
     * The insert now carries the types the rows were mapped for, and ClickHouse converts them as the ALTER did.
     */
    @Test
    void aColumnRetypedBetweenMappingAndInsertIsNeverStoredAsGarbage() {
        Map<String, String> env = table("raced", "id UInt32, v UInt32) ENGINE = MergeTree ORDER BY id"
                + " SETTINGS non_replicated_deduplication_window = 1000");
        KinesisEvent batch = event(20_000, 3, i -> "{\"id\":" + i + ",\"v\":" + (7 + i - 20_000) + "}");
        IngestHandler handler = fixture.handler(env,
                FirstClaimHook.afterWon(() -> fixture.execute("ALTER TABLE DB.raced MODIFY COLUMN v Float32")));

        try {
            handler.handleRequest(batch, null);
        } catch (BatchFailedException e) {
            // failing loudly is acceptable; storing garbage is not
        }
        deliverUntilItPasses(fixture.handler(env), batch);

        assertEquals(List.of("7", "8", "9"), fixture.query("SELECT toString(v) FROM DB.raced ORDER BY id").stream()
                .map(row -> row.getString(1)).toList(), "the values the records hold, not their bytes reinterpreted");
    }

    /**
     * A column dropped between the mapping and the insert: ClickHouse refuses the insert before writing anything (the
     * column it names is gone), and the same invocation maps the records again for the table as it is now.
     */
    @Test
    void aColumnDroppedBetweenMappingAndInsertFailsTheAttemptAndTheRetryWritesEachRecordOnce() {
        Map<String, String> env = table("dropped", "id UInt32, v UInt32) ENGINE = MergeTree ORDER BY id"
                + " SETTINGS non_replicated_deduplication_window = 1000");
        KinesisEvent batch = event(40_000, 3, i -> "{\"id\":" + i + ",\"v\":" + i + "}");
        IngestHandler handler = fixture.handler(env,
                FirstClaimHook.afterWon(() -> fixture.execute("ALTER TABLE DB.dropped DROP COLUMN v")));

        handler.handleRequest(batch, null);

        assertEquals(List.of("40000", "40001", "40002"), fixture.query("SELECT id FROM DB.dropped ORDER BY id").stream()
                .map(row -> row.getString(1)).toList());
        assertEquals(0, fixture.count("SELECT count() FROM DB.dropped_shardhouse_errors"));
    }

    /**
     * Was: ClickHouseFailure.isViewFailure() is a substring test for "while pushing to view" over the whole server
     * message, and ClickHouse quotes the offending values in a refusal ("Column values: note = '…'"). A record whose
     * text contains those words and that a CHECK constraint refuses makes the refusal of the WHOLE insert (nothing
     * written) read as a view failure, which BatchWriter reports as ViewFailed = "the rows are in the target table".
     * The claim is committed: all four records are lost, in neither table, and the batch reports 4 inserted.
     */
    @Test
    void aRefusedRecordQuotingTheViewFailureTextDoesNotMakeTheWholeBatchCountAsWritten() {
        Map<String, String> env = table("quoted", "id UInt32, note String, CONSTRAINT short CHECK length(note) < 30)"
                + " ENGINE = MergeTree ORDER BY id SETTINGS non_replicated_deduplication_window = 1000");
        KinesisEvent batch = event(30_000, 4, i -> "{\"id\":" + i + ",\"note\":\""
                + (i == 30_001 ? "oops: while pushing to view, see above" : "n" + i) + "\"}");
        IngestHandler handler = fixture.handler(env);

        deliverUntilItPasses(handler, batch);

        assertEquals(3, fixture.count("SELECT count() FROM DB.quoted"), "the three records the constraint accepts");
        assertEquals(1, fixture.count("SELECT count() FROM DB.quoted_shardhouse_errors"),
                "the refused record is in the error table");
    }
}
