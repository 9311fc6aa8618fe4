package dev.shardhouse.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.checkpoint.CheckpointStore;
import dev.shardhouse.checkpoint.CheckpointTables;
import dev.shardhouse.checkpoint.KeeperMapCheckpointStore;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.decode.KinesisRecordIn;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.decode.RecordDecoder;
import dev.shardhouse.handler.ExpiredRecords;
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
import dev.shardhouse.map.RowLayout;
import dev.shardhouse.map.TargetTable;
import dev.shardhouse.source.KinesisStreams;
import dev.shardhouse.source.ShardRangeReader;
import dev.shardhouse.testing.FaultyCheckpointStore;
import dev.shardhouse.testing.LocalServices;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
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
     * Seeds 1175 and 1895 of {@code bin/simulate} at this branch's commit 43e42b1, before BatchWriter's definition
     * guard (main's b61ab18), which fixed it: a replay compares the claim's table fingerprint with the definition
     * it read when its batch began, but ClickHouse judges the insert by the table as it is when the insert arrives. A
     * constraint added in between (here: just before the replay's insert) refuses the claim whose first attempt was
     * stored; the fingerprints are equal, so the refusal is taken as proof that nothing was stored: the claim is
     * released and its records are claimed again under a new token. The good records are stored twice and the refused
     * one is in both tables.
     */
    @Test
    void aConstraintAddedBetweenAReplaysDefinitionReadAndItsInsertDoesNotDuplicateTheClaim() {
        Stored first = storedThenDiedBeforeCommit("toctou", "", 100, table -> UnaryOperator.identity());
        assertEquals(3, count("SELECT count() FROM " + DATABASE + "." + first.table()), "the first attempt stored it");

        deliverUntilItPasses(first.table(), first.batch(), writer -> beforeFirstInsert(writer,
                () -> sql.execute("ALTER TABLE " + DATABASE + "." + first.table() + " " + CONSTRAINT)));

        assertStoredOnce(first.table());
    }

    /**
     * Seeds 332, 5307, 6076 of {@code bin/simulate} before BatchWriter's definition guard (main's b61ab18): the same
     * refusal after a change undone. The claim is made with the constraint; it is dropped before the first insert,
     * which stored all three records; the invocation dies before its commit; the constraint is added again, as it
     * was; the replay's refusal read as proof and the claim was re-routed under a new token: duplicates. Now the
     * first insert fails on the guard and stores nothing; being the claim's only attempt, it releases the claim, and
     * the invocation claims the records again for the table as it now is (no constraint) and stores all three before
     * it dies. The replay, refused once the constraint is back, cannot tell that, and waits for the operator.
     */
    @Test
    void aConstraintDroppedAndAddedBackAroundTheFirstAttemptDoesNotDuplicateTheClaim() {
        Stored first = storedThenDiedBeforeCommit("aba", ", CONSTRAINT small CHECK v < 100", 200,
                table -> writer -> beforeFirstInsert(writer,
                        () -> sql.execute("ALTER TABLE " + DATABASE + "." + table + " DROP CONSTRAINT small")));
        assertEquals(3, count("SELECT count() FROM " + DATABASE + "." + first.table()),
                "the claim made again for the table without the constraint stored all three");
        sql.execute("ALTER TABLE " + DATABASE + "." + first.table() + " " + CONSTRAINT);

        deliverUntilItPasses(first.table(), first.batch(), UnaryOperator.identity());

        assertStoredOnce(first.table());
    }

    /**
     * Seed 376 of {@code bin/simulate} on main's definition guard: finding 2 through a replay. The claim is made with
     * the constraint; it is dropped before the maker's insert, which the guard fails, and the maker is killed then
     * (its attempt stays counted); a replay maps for the table as it now is, stores all three records and dies before
     * its commit; the constraint is added back, as the replay error of a changed table used to ask. The next replay's refusal came under the claim's own definition and was taken as
     * proof that nothing was stored: released, re-routed, duplicates. Now the replay that stored is still counted, under
     * its definition, so the refusal proves nothing and the batch waits for the table to accept the rows.
     */
    @Test
    void aChangeUndoneAfterAReplayStoredTheClaimDoesNotDuplicateIt() {
        String table = fresh("undone", ", CONSTRAINT small CHECK v < 100");
        List<KinesisRecordIn> batch = records(400, 1, 150, 2);
        assertFails(() -> processor(table, UnaryOperator.identity(), writer -> aroundFirstInsert(writer,
                () -> sql.execute("ALTER TABLE " + DATABASE + "." + table + " DROP CONSTRAINT small"), true))
                .process(stream(), SHARD, batch, "maker"));
        assertEquals(0, count("SELECT count() FROM " + DATABASE + "." + table), "the guard failed the maker's insert");
        assertFails(() -> processor(table, FaultyCheckpointStore.injecting(FaultyCheckpointStore.Fault.BEFORE_COMMIT, 1),
                UnaryOperator.identity()).process(stream(), SHARD, batch, "replay"));
        assertEquals(3, count("SELECT count() FROM " + DATABASE + "." + table), "the replay stored the claim");
        sql.execute("ALTER TABLE " + DATABASE + "." + table + " " + CONSTRAINT);

        RuntimeException loud = assertThrows(RuntimeException.class, () -> processor(table, UnaryOperator.identity(),
                UnaryOperator.identity()).process(stream(), SHARD, batch, "after-undo"));
        assertTrue(loud.getMessage().contains("one ran under another definition of the table"), loud.getMessage());
        deliverUntilItPasses(table, batch, UnaryOperator.identity());

        assertStoredOnce(table);
    }

    /**
     * Seed 34 of {@code bin/simulate} (also on main's definition guard b61ab18), and the exhaustive path with two
     * faults {@code [0,0,0,0,3,3,3,3,7,1,1,1,0,0,0,0,0,0,0]} (a timeout and a dropped constraint): two invocations
     * of one shard at once, as the mapping runs them after a timeout. The first claims T1, its insert is refused by
     * the constraint, and its release of T1 is on its way; meanwhile the constraint is dropped and the retry starts:
     * it reads the definition as it is now and the still pending T1. The release lands; the retry's insert under T1
     * passes BatchWriter's definition guard (its rows were mapped for the table as it is) and stores the claim; its
     * commit meets another revision and silently does nothing; it reads again, finds T1 released and claims the
     * records anew: stored twice. The release relied on "nothing under T1 is or will be stored", which a concurrent
     * replayer of T1 breaks.
     */
    @Test
    void aClaimReleasedByOneInvocationIsNotWrittenAfterwardsByAnotherThatReadItBefore() throws Exception {
        String table = fresh("released", ", CONSTRAINT small CHECK v < 100");
        List<KinesisRecordIn> batch = records(300, 1, 150);
        CountDownLatch lateHasReadTheClaim = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        AtomicReference<RuntimeException> lateFailure = new AtomicReference<>();
        Thread late = new Thread(() -> {
            try {
                processor(table, UnaryOperator.identity(), writer -> beforeFirstInsert(writer, () -> {
                    lateHasReadTheClaim.countDown();
                    await(released);
                })).process(stream(), SHARD, batch, "replays-late");
            } catch (RuntimeException e) {
                lateFailure.set(e);
            }
        });
        UnaryOperator<CheckpointStore> releaseLate = real -> beforeRelease(real, () -> {
            sql.execute("ALTER TABLE " + DATABASE + "." + table + " DROP CONSTRAINT small");
            late.start();
            await(lateHasReadTheClaim);
        }, released::countDown);
        try {
            processor(table, releaseLate, UnaryOperator.identity()).process(stream(), SHARD, batch, "claims-refused");
        } catch (RuntimeException loud) {
            // its dry run finds nothing refused any more: the batch fails, the mapping retries it
        }
        late.join(60_000);
        deliverUntilItPasses(table, batch, UnaryOperator.identity());

        String target = DATABASE + "." + table;
        assertEquals(1, count("SELECT count() FROM " + target + " WHERE id = 1"), "record 1 once (late: "
                + lateFailure.get() + ")");
        assertEquals(1, count("SELECT (SELECT count() FROM " + target + " WHERE id = 2) + (SELECT count() FROM "
                + target + "_shardhouse_errors WHERE sequence_number = '301')"),
                "record 2 once: in the target table or in the error table, not both");
    }

    /**
     * The store, with {@code before} run just before its first release of a claim and {@code after} just after; every
     * other call goes straight through (a proxy: only the release is of interest).
     */
    private static CheckpointStore beforeRelease(CheckpointStore real, Runnable before, Runnable after) {
        AtomicBoolean done = new AtomicBoolean();
        return (CheckpointStore) Proxy.newProxyInstance(CheckpointStore.class.getClassLoader(),
                new Class<?>[] {CheckpointStore.class}, (proxy, method, args) -> {
                    boolean release = method.getName().equals("compareAndSet")
                            && ((Checkpoint) args[2]).pending().isPresent() && ((Checkpoint) args[3]).pending().isEmpty()
                            && done.compareAndSet(false, true);
                    if (release) {
                        before.run();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (release) {
                            after.run();
                        }
                    }
                });
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other invocation never reached its point");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new table and a batch of three records (v = 1, 150, 2) whose claim a first attempt stored. */
    private record Stored(String table, List<KinesisRecordIn> batch) {
    }

    /**
     * A first attempt, its writer wrapped per table, that dies before its commit: having stored its claim's three
     * records, or (since BatchWriter's definition guard) nothing, if the table changed after its rows were mapped.
     */
    private static Stored storedThenDiedBeforeCommit(String prefix, String constraint, int firstSequence,
                                                     Function<String, UnaryOperator<ClaimWriter>> wrap) {
        String table = fresh(prefix, constraint);
        List<KinesisRecordIn> batch = records(firstSequence, 1, 150, 2);
        assertFails(() -> processor(table, FaultyCheckpointStore.injecting(FaultyCheckpointStore.Fault.BEFORE_COMMIT, 1),
                wrap.apply(table)).process(stream(), SHARD, batch, "first"));
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

    /**
     * Seed 611 of {@code bin/simulate} once records could age out of the simulated stream: a claim is pending, its
     * first record ages out, a replay writes the rest and commits, and is ended before it prints its batch line. The
     * record is gone for good, and the only report of it was that batch line. Now the replay reports it when it finds
     * it gone, before the commit. kinesis-mock keeps records 24 h at least, so the stream's side is played by a reader
     * answering as Kinesis does after the trim (the survivors, and that the range's start aged out); the rest is real.
     */
    @Test
    void aClaimsRecordsThatAgedOutAreReportedBeforeItsCommitLands() {
        String table = fresh("aged", "");
        List<KinesisRecordIn> batch = records(600, 1, 2, 3);
        assertFails(() -> processor(table, FaultyCheckpointStore.injecting(FaultyCheckpointStore.Fault.AFTER_CLAIM, 1),
                UnaryOperator.identity()).process(stream(), SHARD, batch, "claims-then-dies"));
        List<KinesisRecordIn> survivors = batch.subList(1, 3);
        ShardRangeReader trimmed = (streamArn, shardId, first, last) -> new KinesisStreams.RangeRead(survivors, true);
        List<String> events = new CopyOnWriteArrayList<>();
        UnaryOperator<CheckpointStore> endedAfterCommit = real -> afterCommit(real, () -> {
            events.add("commit landed");
            throw new IllegalStateException("the invocation is ended before it prints its batch line");
        });

        assertThrows(IllegalStateException.class, () -> processor(table, endedAfterCommit, UnaryOperator.identity(),
                trimmed, (stream, shardId, claim, records) -> events.add(records + " expired of " + claim.first()
                        + ".." + claim.last())).process(stream(), SHARD, survivors, "replays"));

        assertEquals(List.of("1 expired of 600.0..602.0", "commit landed"), events);
        assertEquals(List.of("2", "3"), sql.query("SELECT toString(id) FROM " + DATABASE + "." + table + " ORDER BY id",
                Map.of()).stream().map(row -> row.getString(1)).toList(), "the survivors, once");
    }

    /** The store, with {@code after} run once its first commit has landed. */
    private static CheckpointStore afterCommit(CheckpointStore real, Runnable after) {
        return (CheckpointStore) Proxy.newProxyInstance(CheckpointStore.class.getClassLoader(),
                new Class<?>[] {CheckpointStore.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("commit")) {
                        after.run();
                    }
                    return result;
                });
    }

    /** The real processor as IngestPipeline builds it, its store and writer wrapped to force one interleaving. */
    private static ShardBatchProcessor processor(String table, UnaryOperator<CheckpointStore> wrapStore,
                                                 UnaryOperator<ClaimWriter> wrapWriter) {
        return processor(table, wrapStore, wrapWriter, new KinesisStreams(LocalServices.kinesis()),
                (stream, shardId, claim, records) -> {
                    throw new AssertionError("no record ages out in these tests");
                });
    }

    private static ShardBatchProcessor processor(String table, UnaryOperator<CheckpointStore> wrapStore,
                                                 UnaryOperator<ClaimWriter> wrapWriter, ShardRangeReader streams,
                                                 ExpiredRecords expired) {
        return new ShardBatchProcessor(new RecordDecoder(), new TargetTable(sql, DATABASE, table, RecordFormat.JSON),
                wrapStore.apply(new KeeperMapCheckpointStore(sql, DATABASE, "cp_" + table, "cp_" + table + "_archive",
                        CheckpointTables.pipeline(DATABASE, table))),
                wrapWriter.apply(new BatchWriter(sql, DATABASE, table, table + "_shardhouse_errors",
                        InsertDeduplication.read(sql))),
                new RefusedRows(sql, DATABASE, table), streams, expired);
    }

    /** The writer, with {@code change} run once just before its first target insert: after the definition was read. */
    private static ClaimWriter beforeFirstInsert(ClaimWriter real, Runnable change) {
        return aroundFirstInsert(real, change, false);
    }

    /**
     * The writer, with {@code change} run once just before its first target insert and, if {@code killed}, the
     * invocation ended as that insert returns: what it did is never closed.
     */
    private static ClaimWriter aroundFirstInsert(ClaimWriter real, Runnable change, boolean killed) {
        AtomicBoolean done = new AtomicBoolean();
        return new ClaimWriter() {
            @Override
            public TargetInsert insertTarget(RowLayout layout, List<TargetRow> rows, String token) {
                boolean first = done.compareAndSet(false, true);
                if (first) {
                    change.run();
                }
                TargetInsert result = real.insertTarget(layout, rows, token);
                if (first && killed) {
                    throw new IllegalStateException("the invocation was killed as its insert returned " + result);
                }
                return result;
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
