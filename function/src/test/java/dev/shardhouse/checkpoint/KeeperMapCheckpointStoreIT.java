package dev.shardhouse.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.clickhouse.ClickHouseClients;
import dev.shardhouse.clickhouse.ClickHouseFailure;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.ConfigException;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.dedup.Attempts;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.PendingRange;
import dev.shardhouse.dedup.Phase;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.dedup.Routing;
import dev.shardhouse.testing.ClickHouseProxy;
import dev.shardhouse.testing.LocalServices;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The compare-and-set contract of the KeeperMap checkpoint store, against the real ClickHouse and ZooKeeper. */
class KeeperMapCheckpointStoreIT {

    private static final String DATABASE = "it_checkpoints";
    private static final StreamIdentity STREAM = new StreamIdentity("arn:aws:kinesis:us-east-1:000000000000:stream/s", 42);
    private static ClickHouseSql sql;
    private static KeeperMapCheckpointStore store;
    private static String table;
    private static String archive;

    @BeforeAll
    static void createTables() {
        sql = new ClickHouseSql(LocalServices.clickHouse("default"));
        sql.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        String suffix = Long.toString(System.nanoTime(), 36);
        table = "checkpoints_" + suffix;
        archive = "archive_" + suffix;
        KeeperMapCheckpointStore.createTables(sql, DATABASE, table, archive);
        store = new KeeperMapCheckpointStore(sql, DATABASE, table, archive, DATABASE + ".target");
    }

    /** A claim whose ends are KPL sub-records (sub-sequences 3 and 5), which the store must keep apart. */
    private static PendingRange range(String first, String last, int records) {
        return new PendingRange(Position.of(first, 3), Position.of(last, 5), records, "token-" + first + "-" + last,
                records + ":ab12", Attempts.decode("schema-fingerprint*2,other"),
                Routing.NONE.with(Map.of(records - 1, "not JSON: tab\there, a \\ and a line\nend")));
    }

    @Test
    void aCheckpointRoundTripsThroughEveryTransition() {
        Checkpoint absent = store.read(STREAM, "shard-roundtrip");
        assertEquals(Checkpoint.absent(Optional.empty()), absent);

        Checkpoint claimed = absent.claim(range("10", "99999999999999999999999999999999999999999", 7));
        assertTrue(store.compareAndSet(STREAM, "shard-roundtrip", absent, claimed, "owner-a"));
        assertEquals(claimed, store.read(STREAM, "shard-roundtrip"));
        assertEquals(Position.of("10", 3), store.read(STREAM, "shard-roundtrip").pending().orElseThrow().first());

        Checkpoint committed = claimed.commit();
        assertTrue(store.compareAndSet(STREAM, "shard-roundtrip", claimed, committed, "owner-a"));
        Checkpoint read = store.read(STREAM, "shard-roundtrip");
        assertEquals(committed, read);
        assertEquals(Phase.AFTER_PROCESSING, read.phase());
        assertEquals(7, read.recordsCommitted());
    }

    @Test
    void aStaleWriterLosesAndChangesNothing() {
        Checkpoint absent = store.read(STREAM, "shard-stale");
        Checkpoint first = absent.claim(range("1", "5", 5));
        assertTrue(store.compareAndSet(STREAM, "shard-stale", absent, first, "owner-a"));
        assertFalse(store.compareAndSet(STREAM, "shard-stale", absent, absent.claim(range("1", "9", 9)), "zombie"),
                "creating an existing checkpoint is a keeper conflict, reported as a lost race");

        Checkpoint committed = first.commit();
        assertTrue(store.compareAndSet(STREAM, "shard-stale", first, committed, "owner-a"));
        // A zombie still holding the claimed state commits it again: same target revision, but not its write.
        assertFalse(store.compareAndSet(STREAM, "shard-stale", first, first.commit(), "zombie"));
        assertEquals(committed, store.read(STREAM, "shard-stale"));
    }

    @Test
    void ofConcurrentClaimsFromOneStateExactlyOneWins() throws Exception {
        Checkpoint base = store.read(STREAM, "shard-race");
        Checkpoint start = base.claim(range("1", "1", 1));
        assertTrue(store.compareAndSet(STREAM, "shard-race", base, start, "setup"));
        Checkpoint committed = start.commit();
        assertTrue(store.compareAndSet(STREAM, "shard-race", start, committed, "setup"));

        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> wins = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String owner = "writer-" + i;
            Checkpoint claim = committed.claim(range(Integer.toString(2 + i), "100", 10));
            wins.add(pool.submit(() -> {
                go.await();
                return store.compareAndSet(STREAM, "shard-race", committed, claim, owner);
            }));
        }
        go.countDown();
        int won = 0;
        for (Future<Boolean> win : wins) {
            won += win.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, won, "compare-and-set winners");
        Checkpoint after = store.read(STREAM, "shard-race");
        assertEquals(committed.revision() + 1, after.revision());
        assertEquals(Phase.BEFORE_PROCESSING, after.phase());
    }

    @Test
    void aClaimOnACheckpointTheTrackerRetiredLoses() {
        Checkpoint claimed = claimedAndCommitted("shard-deleted");
        Checkpoint committed = claimed.markedCommitted();
        assertEquals(committed, store.read(STREAM, "shard-deleted"));
        sql.execute("ALTER TABLE " + DATABASE + "." + table + " DELETE WHERE key = '"
                + store.key(STREAM, "shard-deleted") + "'");

        // An instance still remembering the committed state: the update finds no row, which is no win.
        assertFalse(store.compareAndSet(STREAM, "shard-deleted", committed, committed.claim(range("6", "9", 4)),
                "owner-b"));
        // Nor does a late commit bring the row back: a commit record alone is no checkpoint.
        store.commit(STREAM, "shard-deleted", claimed, "owner-a");
        assertEquals(Checkpoint.absent(Optional.empty()), store.read(STREAM, "shard-deleted"));
    }

    @Test
    void aCommitIsARecordBesideTheRowWhichTheNextClaimFoldsIn() {
        Checkpoint first = claimedAndCommitted("shard-commit-record");

        Checkpoint committed = store.read(STREAM, "shard-commit-record");
        assertEquals(Phase.AFTER_PROCESSING, committed.phase());
        assertEquals(Optional.of(Position.of("5", 5)), committed.committed());
        assertEquals(5, committed.recordsCommitted());
        assertEquals(first.revision(), committed.revision(), "the commit record leaves the row's revision");
        assertEquals("BEFORE_PROCESSING", rowState("shard-commit-record"), "the row itself holds the claim as it wrote it");

        Checkpoint second = committed.claim(range("6", "9", 4));
        assertTrue(store.compareAndSet(STREAM, "shard-commit-record", committed, second, "owner-b"));
        Checkpoint pending = store.read(STREAM, "shard-commit-record");
        assertEquals(second, pending, "the first claim's commit record names no claim the row holds now");
        assertEquals(Optional.of(Position.of("5", 5)), pending.committed(), "the second claim folded the first in");
        assertEquals(5, pending.recordsCommitted());

        // Committed twice (a retry after a lost answer), then a late copy of the first claim's commit: neither changes it.
        store.commit(STREAM, "shard-commit-record", second, "owner-b");
        store.commit(STREAM, "shard-commit-record", second, "owner-b");
        store.commit(STREAM, "shard-commit-record", first, "late");
        assertEquals(second.markedCommitted(), store.read(STREAM, "shard-commit-record"));
        assertEquals(Optional.of(Position.of("9", 5)), store.read(STREAM, "shard-commit-record").committed());
    }

    @Test
    void aReplayCountingItsAttemptAfterTheCommitKeepsItCommitted() {
        Checkpoint claimed = claimedAndCommitted("shard-replayed");
        // A replay that read the claim before the commit counts its attempt: the row moves, the claim does not.
        Checkpoint attempted = claimed.attempt("schema-fingerprint");
        assertTrue(store.compareAndSet(STREAM, "shard-replayed", claimed, attempted, "replay"));

        assertEquals(attempted.markedCommitted(), store.read(STREAM, "shard-replayed"));
    }

    /**
     * A release written from a checkpoint read before the commit record landed (its revision did not move) would give
     * up a stored claim: it loses to the record instead.
     */
    @Test
    void aClaimItsCommitRecordNamesIsNeverReleased() {
        Checkpoint claimed = claimedAndCommitted("shard-committed-then-released");

        assertFalse(store.compareAndSet(STREAM, "shard-committed-then-released", claimed, claimed.release(), "replay"));
        assertEquals(claimed.markedCommitted(), store.read(STREAM, "shard-committed-then-released"));
    }

    /**
     * The other side of the release's look-up: a claim no commit record names is given up (mutation testing,
     * 2026-12-03: with the look-up answering "committed" whatever it found, every release lost and no test saw it; a
     * refused batch could then never be claimed afresh).
     */
    @Test
    void aClaimNoCommitRecordNamesIsReleased() {
        Checkpoint committed = claimedAndCommitted("shard-released").markedCommitted();
        Checkpoint second = committed.claim(range("6", "9", 4));
        assertTrue(store.compareAndSet(STREAM, "shard-released", committed, second, "owner-b"));

        // The first claim's record is still there (spent): it names another token, so the release goes through.
        assertTrue(store.compareAndSet(STREAM, "shard-released", second, second.release(), "owner-b"));
        Checkpoint released = store.read(STREAM, "shard-released");
        assertEquals(Phase.AFTER_PROCESSING, released.phase());
        assertEquals(second.revision() + 1, released.revision());
        assertEquals(Optional.of(Position.of("5", 5)), released.committed(), "nothing of the released claim counts");
        assertEquals(5, released.recordsCommitted());
        assertEquals(Optional.empty(), released.pending());
    }

    /**
     * {@link CheckpointTables#committedView} (what bin/chaos counts delivered records by) shows a pending claim its
     * record names as committed, and leaves alone a claim with no record, a spent record of an earlier claim and the
     * records themselves (mutation testing, 2026-12-03: no test of this module read the view).
     */
    @Test
    void theCommittedViewCountsAClaimItsRecordNames() {
        claimedAndCommitted("shard-view-recorded");
        Checkpoint unrecorded = store.read(STREAM, "shard-view-pending");
        assertTrue(store.compareAndSet(STREAM, "shard-view-pending", unrecorded, unrecorded.claim(range("1", "5", 5)),
                "owner-a"));
        Checkpoint first = claimedAndCommitted("shard-view-moved-on").markedCommitted();
        assertTrue(store.compareAndSet(STREAM, "shard-view-moved-on", first, first.claim(range("6", "9", 4)), "owner-b"));

        List<String> rows = sql.query("SELECT shard_id, state, revision, committed_sequence, committed_sub_sequence,"
                        + " records_committed FROM (" + CheckpointTables.committedView(DATABASE + "." + table) + ")"
                        + " WHERE shard_id LIKE 'shard-view-%' ORDER BY shard_id", Map.of()).stream()
                .map(row -> row.getString("shard_id") + " " + row.getString("state") + " r" + row.getLong("revision")
                        + " " + row.getString("committed_sequence") + "/" + row.getLong("committed_sub_sequence")
                        + " n" + row.getLong("records_committed"))
                .toList();

        assertEquals(List.of(
                // The first claim's record is spent: the row holds the second claim, pending, and the first's commit.
                "shard-view-moved-on BEFORE_PROCESSING r2 5/5 n5",
                "shard-view-pending BEFORE_PROCESSING r1 /0 n0",
                "shard-view-recorded AFTER_PROCESSING r1 5/5 n5"), rows);
    }

    /**
     * A commit forgives a failure that reads as a keeper conflict only when its record is there (a repeat): a keeper
     * fault whose text client-v2 could not read also reads as a conflict, and must not pass for a commit (mutation
     * testing, 2026-12-03: a commit returning on every conflict, record or not, went unseen). The proxy answers the
     * record's insert itself, as ClickHouse answers a keeper "Connection loss", without passing it on.
     */
    @Test
    void aCommitWhoseInsertFailsAsAConflictWithoutItsRecordThrows() throws Exception {
        Checkpoint absent = store.read(STREAM, "shard-false-conflict");
        Checkpoint claimed = absent.claim(range("1", "5", 5));
        assertTrue(store.compareAndSet(STREAM, "shard-false-conflict", absent, claimed, "owner-a"));

        AtomicInteger answered = new AtomicInteger();
        try (ClickHouseProxy proxy = new ClickHouseProxy(LocalServices.clickHouseUrl(), text -> {
            if (!text.contains(CheckpointTables.COMMIT_STATE)) {
                return Optional.empty();
            }
            answered.incrementAndGet();
            return Optional.of(ClickHouseProxy.Reply.error(999,
                    "Code: 999. Coordination::Exception: Connection loss. (KEEPER_EXCEPTION)"));
        })) {
            KeeperMapCheckpointStore throughProxy = new KeeperMapCheckpointStore(
                    new ClickHouseSql(ClickHouseClients.create(proxy.url(), "default", "", "default")), DATABASE, table,
                    archive, DATABASE + ".target");

            RuntimeException thrown = assertThrows(RuntimeException.class,
                    () -> throughProxy.commit(STREAM, "shard-false-conflict", claimed, "owner-a"));
            assertTrue(ClickHouseFailure.of(thrown).isKeeperConflict(), "the failure reads as a conflict: " + thrown);
            assertEquals(1, answered.get(), "the record's insert never reached ClickHouse");
        }
        assertEquals(claimed, store.read(STREAM, "shard-false-conflict"), "no record: the claim is still pending");
    }

    /**
     * KeeperMap's {@code ALTER … DELETE} removes the first block its read yields and stops, so {@code forget} reads its
     * keys as one block whatever the user's profile sets (mutation testing, 2026-12-03: without its own {@code
     * max_block_size} no test failed, though under a profile's max_block_size of 4 it deletes 4 of 16 records).
     */
    @Test
    void forgetDeletesEveryRecordItIsGivenUnderASmallerBlockSize() {
        KeeperMapCheckpointStore smallBlocks = new KeeperMapCheckpointStore(
                new ClickHouseSql(LocalServices.clickHouse("default", Map.of("max_block_size", "4"))), DATABASE, table,
                archive, DATABASE + ".target");
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String shardId = "shard-forget-" + i;
            Checkpoint claimed = claimedAndCommitted(shardId);
            records.add(store.commitKey(store.key(STREAM, shardId), claimed.pending().orElseThrow().token()));
        }
        assertEquals(16, keysAmong(records));

        smallBlocks.forget(records);

        assertEquals(0, keysAmong(records), "records left of the 16 forgotten");
        assertEquals("BEFORE_PROCESSING", rowState("shard-forget-0"), "forget leaves checkpoint rows alone");
    }

    private static long keysAmong(List<String> keys) {
        return sql.query("SELECT count() AS n FROM " + DATABASE + "." + table + " WHERE key IN {keys:Array(String)}",
                Map.of("keys", Identifier.arrayLiteral(keys))).get(0).getLong("n");
    }

    /**
     * What the rows carry beside their state: the tracker rebuilds a checkpoint's stream from {@code stream_arn} and
     * {@code stream_created_ms} to tell a recreated stream's rows apart, and finds commit records by {@code stream_arn}
     * (mutation testing, 2026-12-03: the row's or the record's creation time written as 0 went unseen here).
     */
    @Test
    void theRowAndItsCommitRecordNameTheirStreamShardAndClaim() {
        Checkpoint claimed = claimedAndCommitted("shard-columns");
        String key = store.key(STREAM, "shard-columns");
        String token = claimed.pending().orElseThrow().token();

        List<String> rows = sql.query("SELECT key, stream_arn, stream_created_ms, shard_id, state, revision,"
                        + " pending_token, owner FROM " + DATABASE + "." + table + " WHERE key IN {keys:Array(String)}"
                        + " ORDER BY key", Map.of("keys", Identifier.arrayLiteral(
                                List.of(key, store.commitKey(key, token))))).stream()
                .map(row -> String.join(" ", row.getString("key"), row.getString("stream_arn"),
                        Long.toString(row.getLong("stream_created_ms")), row.getString("shard_id"),
                        row.getString("state"), Long.toString(row.getLong("revision")), row.getString("pending_token"),
                        row.getString("owner")))
                .toList();

        String stream = STREAM.streamArn() + " 42 shard-columns";
        assertEquals(List.of(
                String.join(" ", key, stream, "BEFORE_PROCESSING", "1", token, "owner-a"),
                String.join(" ", store.commitKey(key, token), stream, CheckpointTables.COMMIT_STATE, "1", token,
                        "owner-a")), rows);
    }

    /**
     * The tracker commits in the row a claim whose records all aged out of the stream; from a checkpoint read before the
     * claim's commit record landed (its revision did not move) it would report stored records as expired: it loses to
     * the record instead, and the row stays as the claim wrote it.
     */
    @Test
    void aClaimItsCommitRecordNamesIsNotCommittedAgainAsExpired() {
        Checkpoint claimed = claimedAndCommitted("shard-committed-then-expired");

        assertFalse(store.compareAndSet(STREAM, "shard-committed-then-expired", claimed, claimed.commit(), "tracker"));
        assertEquals("BEFORE_PROCESSING", rowState("shard-committed-then-expired"));
        assertEquals(claimed.markedCommitted(), store.read(STREAM, "shard-committed-then-expired"));
    }

    /** A first claim of records 1 to 5 on the shard, written and committed (by its commit record) by "owner-a". */
    private static Checkpoint claimedAndCommitted(String shardId) {
        Checkpoint absent = store.read(STREAM, shardId);
        Checkpoint claimed = absent.claim(range("1", "5", 5));
        assertTrue(store.compareAndSet(STREAM, shardId, absent, claimed, "owner-a"));
        store.commit(STREAM, shardId, claimed, "owner-a");
        return claimed;
    }

    private static String rowState(String shardId) {
        return sql.query("SELECT state FROM " + DATABASE + "." + table + " WHERE key = {key:String}",
                Map.of("key", store.key(STREAM, shardId))).get(0).getString("state");
    }

    @Test
    void checkpointsOfTwoPipelinesOnOneStreamAreApart() {
        KeeperMapCheckpointStore other = new KeeperMapCheckpointStore(sql, DATABASE, table, archive, DATABASE + ".other");
        Checkpoint absent = store.read(STREAM, "shard-shared");
        assertTrue(store.compareAndSet(STREAM, "shard-shared", absent, absent.claim(range("1", "5", 5)), "owner-a"));

        assertEquals(Checkpoint.absent(Optional.empty()), other.read(STREAM, "shard-shared"));
        assertTrue(other.key(STREAM, "shard-shared").startsWith(DATABASE + ".other|"));
    }

    @Test
    void aRetiredCheckpointStillReportsWhatWasDelivered() {
        archive("shard-retired", "'AFTER_PROCESSING', 4, '900', 3, 'children have checkpoints'",
                "'AFTER_PROCESSING', 2, '80', 0, 'an older retirement'");

        // The revision goes on from the newest archived one, so that a second retirement is not taken for the first.
        assertEquals(Checkpoint.absent(Optional.of(Position.of("900", 3)), 4), store.read(STREAM, "shard-retired"));
    }

    @Test
    void anArchivedClaimThatNeverCommittedDoesNotCountAsDelivered() {
        archive("shard-never-committed", "'BEFORE_PROCESSING', 1, '', 0, 'stream deleted'");

        assertEquals(Checkpoint.absent(Optional.empty(), 1), store.read(STREAM, "shard-never-committed"));
    }

    @Test
    void aWriteThatFailsForAnyOtherReasonThanARaceThrows() {
        KeeperMapCheckpointStore missing = new KeeperMapCheckpointStore(sql, DATABASE, table + "_missing", archive,
                DATABASE + ".target");
        Checkpoint absent = Checkpoint.absent(Optional.empty());
        Checkpoint claimed = absent.claim(range("1", "5", 5));

        // Read as a lost race, a broken store would make every batch re-plan until it gives up, hiding the cause.
        assertThrows(RuntimeException.class, () -> missing.compareAndSet(STREAM, "shard-x", absent, claimed, "a"));
        assertThrows(RuntimeException.class, () -> missing.commit(STREAM, "shard-x", claimed, "a"));
    }

    @Test
    void anArchiveOfTheFirstFormatGainsTheColumnsAddedSince() {
        String oldArchive = archive + "_v1";
        sql.execute(CheckpointTables.createArchiveTable(DATABASE, oldArchive));
        sql.execute("ALTER TABLE " + DATABASE + "." + oldArchive
                + " DROP COLUMN pending_positions, DROP COLUMN pending_schema, DROP COLUMN pending_routing");

        KeeperMapCheckpointStore.createTables(sql, DATABASE, table, oldArchive);

        assertEquals(columns(archive), columns(oldArchive), "the archive's columns line up with the checkpoint table's");
        assertEquals(List.of(), CheckpointTables.missingColumns(sql, DATABASE, oldArchive));
    }

    @Test
    void aCheckpointTableOfTheFirstFormatIsRefusedNamingWhatItLacks() {
        String oldTable = table + "_v1";
        String firstFormat = CheckpointTables.createCheckpointTable(DATABASE, oldTable)
                .replaceAll("\\s*pending_(positions|schema|routing) String,", "");
        sql.execute(firstFormat);

        ConfigException refused = assertThrows(ConfigException.class,
                () -> KeeperMapCheckpointStore.createTables(sql, DATABASE, oldTable, archive));

        assertTrue(refused.getMessage().contains("lacks pending_positions, pending_schema, pending_routing"),
                refused.getMessage());
        // It names the table and what to do about it: the setting to point at a new table.
        assertTrue(refused.getMessage().startsWith("CHECKPOINT_TABLE: checkpoint table `" + DATABASE + "`.`" + oldTable
                + "` was made by an older Shardhouse"), refused.getMessage());
        assertTrue(refused.getMessage().contains("then set CHECKPOINT_TABLE to a new table name"), refused.getMessage());
        assertEquals(List.of("pending_positions", "pending_schema", "pending_routing"),
                CheckpointTables.missingColumns(sql, DATABASE, oldTable));
    }

    private static List<String> columns(String table) {
        return sql.query("SELECT name FROM system.columns WHERE database = {database:String} AND table = {table:String}"
                        + " ORDER BY position", Map.of("database", DATABASE, "table", table))
                .stream().map(row -> row.getString("name")).toList();
    }

    /** Rows of the archive for one shard: each gives state, revision, committed sequence and sub-sequence, reason. */
    private static void archive(String shardId, String... rows) {
        String prefix = "('" + store.key(STREAM, shardId) + "', '" + STREAM.streamArn() + "', 42, '" + shardId + "', ";
        sql.execute("INSERT INTO " + DATABASE + "." + archive + " (key, stream_arn, stream_created_ms, shard_id, state,"
                + " revision, committed_sequence, committed_sub_sequence, archive_reason, archived_at) VALUES "
                + String.join(", ", Arrays.stream(rows).map(row -> prefix + row + ", now64(3))").toList()));
    }
}
