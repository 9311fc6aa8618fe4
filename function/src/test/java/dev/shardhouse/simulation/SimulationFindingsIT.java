package dev.shardhouse.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shardhouse.checkpoint.CheckpointStore;
import dev.shardhouse.checkpoint.CheckpointTables;
import dev.shardhouse.checkpoint.KeeperMapCheckpointStore;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.decode.KinesisRecordIn;
import dev.shardhouse.decode.RecordDecoder;
import dev.shardhouse.handler.ShardBatchProcessor;
import dev.shardhouse.insert.BatchWriter;
import dev.shardhouse.insert.ClaimWriter;
import dev.shardhouse.insert.ErrorRow;
import dev.shardhouse.insert.ErrorTable;
import dev.shardhouse.insert.InsertDeduplication;
import dev.shardhouse.insert.RefusedRows;
import dev.shardhouse.insert.TargetInsert;
import dev.shardhouse.insert.TargetRow;
import dev.shardhouse.map.RecordFormat;
import dev.shardhouse.map.TargetTable;
import dev.shardhouse.source.KinesisStreams;
import dev.shardhouse.testing.FaultyCheckpointStore;
import dev.shardhouse.testing.LocalServices;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * What the deterministic simulation found (issue 18), on the real services: the real processor, KeeperMap store,
 * BatchWriter and RefusedRows against ClickHouse, with the one interleaving the simulation's trace names forced at the
 * exact point. Each fails on the protocol as it is; RELIABILITY.md ("Deterministic simulation") gives the seeds.
 */
class SimulationFindingsIT {

    private static final String DATABASE = "it_simulation_findings";
    private static final String SHARD = "shardId-000000000000";
    private static final String CONSTRAINT = "ADD CONSTRAINT small CHECK v < 100";
    private static ClickHouseSql sql;

    @BeforeAll
    static void connect() {
        sql = new ClickHouseSql(LocalServices.clickHouse("default"));
        sql.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
    }

    /**
     * Seeds 1175 and 1895 of {@code bin/simulate} at commit f1e03ec (the random world before tracker runs were spaced;
     * later worlds reach the same release through an undone change, below): a replay compares the claim's table fingerprint with the definition
     * it read when its batch began, but ClickHouse judges the insert by the table as it is when the insert arrives. A
     * constraint added in between (here: just before the replay's insert) refuses the claim whose first attempt was
     * stored; the fingerprints are equal, so the refusal is taken as proof that nothing was stored: the claim is
     * released and its records are claimed again under a new token. The good records are stored twice and the refused
     * one is in both tables.
     */
    @Test
    @Disabled("protocol bug found by the simulation; the fix (fencing insert attempts in the claim) is in"
            + " ShardBatchProcessor, the lead's: see RELIABILITY.md, Deterministic simulation")
    void aConstraintAddedBetweenAReplaysDefinitionReadAndItsInsertDoesNotDuplicateTheClaim() {
        Stored first = storedThenDiedBeforeCommit("toctou", "", 100, table -> UnaryOperator.identity());

        deliverUntilItPasses(first.table(), first.batch(), writer -> beforeFirstInsert(writer,
                () -> sql.execute("ALTER TABLE " + DATABASE + "." + first.table() + " " + CONSTRAINT)));

        assertStoredOnce(first.table());
    }

    /**
     * Seeds 332, 5307, 6076 of {@code bin/simulate}: the same refusal after a change undone. The claim is made with the constraint; it is
     * dropped before the first insert, which stores all three records; the invocation dies before its commit; the
     * constraint is added again, as it was. The replay's definition equals the claim's, so its refusal reads as
     * proof, and the claim is re-routed under a new token: duplicates again.
     */
    @Test
    @Disabled("protocol bug found by the simulation: an equal fingerprint does not show an unchanged table when a"
            + " change was undone; the fix is in ShardBatchProcessor, the lead's: see RELIABILITY.md")
    void aConstraintDroppedAndAddedBackAroundTheFirstAttemptDoesNotDuplicateTheClaim() {
        Stored first = storedThenDiedBeforeCommit("aba", ", CONSTRAINT small CHECK v < 100", 200,
                table -> writer -> beforeFirstInsert(writer,
                        () -> sql.execute("ALTER TABLE " + DATABASE + "." + table + " DROP CONSTRAINT small")));
        sql.execute("ALTER TABLE " + DATABASE + "." + first.table() + " " + CONSTRAINT);

        deliverUntilItPasses(first.table(), first.batch(), UnaryOperator.identity());

        assertStoredOnce(first.table());
    }

    /**
     * Seeds 34, 919, 2291, 3541 of {@code bin/simulate}, and the exhaustive path with two faults
     * {@code [0,0,0,0,3,3,3,0,0,4,0,0,0,0,0]} (a timeout and a dropped constraint): two invocations of one shard at once, as the
     * mapping runs them after a timeout. Both read the same pending claim T1; one replays it, meets the constraint,
     * releases T1 and re-routes the refused record under T2, inserts and commits. Then the constraint is dropped, and
     * the other's insert under T1 — already on its way — lands: nothing any more holds T1's rows back. Its commit
     * finds another revision and silently does nothing. The release relied on "nothing under T1 is or will be stored",
     * which a concurrent replayer of T1 breaks.
     */
    @Test
    @Disabled("protocol bug found by the simulation: a released claim's token can still be written by an invocation"
            + " that read the claim before the release; the fix is in ShardBatchProcessor (the lead's), see"
            + " RELIABILITY.md")
    void aClaimReleasedByOneInvocationIsNotWrittenAfterwardsByAnotherThatReadItBefore() {
        String table = fresh("released", ", CONSTRAINT small CHECK v < 100");
        List<KinesisRecordIn> batch = records(300, 1, 150);
        assertFails(() -> processor(table, FaultyCheckpointStore.injecting(FaultyCheckpointStore.Fault.AFTER_CLAIM, 1),
                UnaryOperator.identity()).process(stream(), SHARD, batch, "claims-and-dies"));

        ShardBatchProcessor late = processor(table, UnaryOperator.identity(), writer -> beforeFirstInsert(writer, () -> {
            try {
                processor(table, UnaryOperator.identity(), UnaryOperator.identity()).process(stream(), SHARD, batch,
                        "releases-and-reroutes");
            } catch (RuntimeException loud) {
                // a replay that refuses to guess fails the batch: acceptable, the mapping retries it
            }
            sql.execute("ALTER TABLE " + DATABASE + "." + table + " DROP CONSTRAINT small");
        }));
        late.process(stream(), SHARD, batch, "replays-late");

        String target = DATABASE + "." + table;
        assertEquals(1, count("SELECT count() FROM " + target + " WHERE id = 1"), "record 1 once");
        assertEquals(1, count("SELECT (SELECT count() FROM " + target + " WHERE id = 2) + (SELECT count() FROM "
                + target + "_shardhouse_errors WHERE sequence_number = '301')"),
                "record 2 once: in the target table or in the error table, not both");
    }

    /** A new table and a batch of three records (v = 1, 150, 2) whose claim a first attempt stored. */
    private record Stored(String table, List<KinesisRecordIn> batch) {
    }

    /** A first attempt, its writer wrapped per table, that stores its claim's three records and dies before its commit. */
    private static Stored storedThenDiedBeforeCommit(String prefix, String constraint, int firstSequence,
                                                     Function<String, UnaryOperator<ClaimWriter>> wrap) {
        String table = fresh(prefix, constraint);
        List<KinesisRecordIn> batch = records(firstSequence, 1, 150, 2);
        assertFails(() -> processor(table, FaultyCheckpointStore.injecting(FaultyCheckpointStore.Fault.BEFORE_COMMIT, 1),
                wrap.apply(table)).process(stream(), SHARD, batch, "first"));
        assertEquals(3, count("SELECT count() FROM " + DATABASE + "." + table), "the first attempt stored the claim");
        return new Stored(table, batch);
    }

    /**
     * Retries as the mapping would; a replay that fails loudly because the table changed since its claim is what the
     * design allows, and the operator's remedy its error names (the constraint dropped until the batch passed) is
     * applied after three attempts.
     */
    private static void deliverUntilItPasses(String table, List<KinesisRecordIn> batch, UnaryOperator<ClaimWriter> wrap) {
        ShardBatchProcessor processor = processor(table, UnaryOperator.identity(), wrap);
        for (int attempt = 1; attempt <= 6; attempt++) {
            try {
                processor.process(stream(), SHARD, batch, "retry" + attempt);
                return;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    sql.execute("ALTER TABLE " + DATABASE + "." + table + " DROP CONSTRAINT IF EXISTS small");
                }
            }
        }
        throw new AssertionError("the batch never passed");
    }

    private static void assertStoredOnce(String table) {
        assertEquals(List.of("1", "2", "3"), sql.query("SELECT toString(id) FROM " + DATABASE + "." + table
                + " ORDER BY id", Map.of()).stream().map(row -> row.getString(1)).toList(),
                "each record of the claim once in the target table, where its first attempt stored it");
        assertEquals(0, count("SELECT count() FROM " + DATABASE + "." + table + "_shardhouse_errors"),
                "no record both in the target table and in the error table");
    }

    private static String fresh(String prefix, String constraint) {
        String table = prefix + "_" + Long.toString(System.nanoTime(), 36);
        sql.execute("CREATE TABLE " + DATABASE + "." + table + " (id UInt32, v UInt32" + constraint + ")"
                + " ENGINE = MergeTree ORDER BY id SETTINGS non_replicated_deduplication_window = 1000");
        sql.execute(ErrorTable.createStatement(DATABASE, table + "_shardhouse_errors"));
        KeeperMapCheckpointStore.createTables(sql, DATABASE, "cp_" + table, "cp_" + table + "_archive");
        return table;
    }

    /** The real processor as IngestPipeline builds it, its store and writer wrapped to force one interleaving. */
    private static ShardBatchProcessor processor(String table, UnaryOperator<CheckpointStore> wrapStore,
                                                 UnaryOperator<ClaimWriter> wrapWriter) {
        return new ShardBatchProcessor(new RecordDecoder(), new TargetTable(sql, DATABASE, table, RecordFormat.JSON),
                wrapStore.apply(new KeeperMapCheckpointStore(sql, DATABASE, "cp_" + table, "cp_" + table + "_archive",
                        CheckpointTables.pipeline(DATABASE, table))),
                wrapWriter.apply(new BatchWriter(sql, DATABASE, table, table + "_shardhouse_errors",
                        InsertDeduplication.read(sql))),
                new RefusedRows(sql, DATABASE, table), new KinesisStreams(LocalServices.kinesis()));
    }

    /** The writer, with {@code change} run once just before its first target insert: after the definition was read. */
    private static ClaimWriter beforeFirstInsert(ClaimWriter real, Runnable change) {
        AtomicBoolean done = new AtomicBoolean();
        return new ClaimWriter() {
            @Override
            public TargetInsert insertTarget(List<String> columns, List<TargetRow> rows, String token) {
                if (done.compareAndSet(false, true)) {
                    change.run();
                }
                return real.insertTarget(columns, rows, token);
            }

            @Override
            public void insertErrors(String stream, String shardId, List<ErrorRow> errors, String token) {
                real.insertErrors(stream, shardId, errors, token);
            }
        };
    }

    /** Records with ids 1, 2, 3… and the given values of {@code v}; sequence numbers from {@code first}. */
    private static List<KinesisRecordIn> records(int first, int... values) {
        return IntStream.range(0, values.length).mapToObj(i -> new KinesisRecordIn(
                Integer.toString(first + i), "pk", Instant.parse("2026-12-02T10:00:00Z"),
                ("{\"id\":" + (i + 1) + ",\"v\":" + values[i] + "}").getBytes(StandardCharsets.UTF_8))).toList();
    }

    private static StreamIdentity stream() {
        return new StreamIdentity("arn:aws:kinesis:us-east-1:000000000000:stream/simulation-findings", 1L);
    }

    private static long count(String query) {
        return sql.query(query, Map.of()).get(0).getLong(1);
    }

    private static void assertFails(Runnable attempt) {
        try {
            attempt.run();
        } catch (RuntimeException expected) {
            return;
        }
        throw new AssertionError("the attempt was meant to die before its commit");
    }
}
