package dev.shardhouse.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.checkpoint.KeeperMapCheckpointStore;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.dedup.Attempts;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.PendingRange;
import dev.shardhouse.dedup.Phase;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.dedup.Routing;
import dev.shardhouse.testing.LocalServices;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A retirement and the commit records it meets (adversarial review of the commit records, 2026-12-03). A commit record
 * does not move the row's revision, so a replay that read the claim pending just before its record landed still wins
 * its attempt compare-and-set afterwards (r to r+1, claim and token kept); between the tracker's scan and its delete,
 * the row then survives its retirement. The delete took the record with it: a committed claim read as pending again
 * (replayed under its token, caught only by the deduplication window; never retired). A retirement now deletes rows
 * only; a record whose row is gone is spent and goes by forget.
 */
class RetireKeepsLiveCommitRecordIT {

    private static final String DB = "it_retire_commit_records";

    private ClickHouseSql sql;
    private KeeperMapCheckpointStore store;
    private Checkpoints tracker;
    private String archive;
    private String suffix;

    @BeforeEach
    void tables() {
        sql = new ClickHouseSql(LocalServices.clickHouse("default"));
        sql.execute("CREATE DATABASE IF NOT EXISTS " + DB);
        suffix = Long.toString(System.nanoTime(), 36);
        String table = "claims_" + suffix;
        archive = "archive_" + suffix;
        String pipeline = DB + ".target";
        KeeperMapCheckpointStore.createTables(sql, DB, table, archive);
        store = new KeeperMapCheckpointStore(sql, DB, table, archive, pipeline);
        tracker = new Checkpoints(sql, DB, table, archive, pipeline);
    }

    /** Invocation A's claim of 10 records (100 to 109) on a new checkpoint of the shard, won. */
    private Checkpoint claimed(StreamIdentity stream, String shard) {
        Checkpoint absent = store.read(stream, shard);
        Checkpoint claimed = absent.claim(new PendingRange(Position.of("100", 0), Position.of("109", 0), 10,
                "token-" + suffix, "10:ab12", Attempts.of("def"), Routing.NONE));
        assertTrue(store.compareAndSet(stream, shard, absent, claimed, "a"));
        return claimed;
    }

    @Test
    void aRowThatSurvivesItsRetirementKeepsTheRecordThatCommitsIt() {
        StreamIdentity stream = new StreamIdentity("arn:aws:kinesis:us-east-1:000000000000:stream/rr2-" + suffix, 7);
        String shard = "shardId-000000000000";

        // A claims 10 records and commits them with the claim's record.
        Checkpoint claimed = claimed(stream, shard);
        store.commit(stream, shard, claimed, "a");
        assertEquals(Phase.AFTER_PROCESSING, store.read(stream, shard).phase());

        // The tracker reads the row as committed and decides to retire it (the shard expired, say).
        CheckpointScan scan = tracker.ofStream(stream.streamArn());
        assertEquals(1, scan.rows().size());
        assertTrue(scan.rows().get(0).markedCommitted());

        // Meanwhile B, which read the claim pending just before A's record landed, counts its replay attempt: it wins,
        // since the record left the revision where the claim put it. The claim and its token stay.
        assertTrue(store.compareAndSet(stream, shard, claimed, claimed.attempt("def"), "b"));

        int retired = tracker.retire(List.of(new Retirement(scan.rows().get(0), ArchiveReason.SHARD_EXPIRED)),
                Instant.now());
        assertEquals(0, retired, "the row moved on, so it stays");

        Checkpoint after = store.read(stream, shard);
        assertEquals(List.of(Phase.AFTER_PROCESSING, "109"),
                List.of(after.phase(), after.committed().map(Position::sequenceNumber).orElse("")),
                "the claim stays committed: the retirement that did not take the row must not take its commit record");
    }

    /**
     * A stream-recreation retirement takes a row whatever its state. The old incarnation's last insert is in flight when
     * the tracker reads the row (pending, no record); its commit record lands before the archive's insert. Decided from
     * the scan, the row was archived BEFORE_PROCESSING at the previous position though its claim was committed before
     * either statement ran; the archive's insert now looks the record up itself.
     */
    @Test
    void aCommitThatLandsBeforeTheArchiveIsArchivedAsCommitted() {
        StreamIdentity old = new StreamIdentity("arn:aws:kinesis:us-east-1:000000000000:stream/rr2-" + suffix, 7);
        String shard = "shardId-000000000000";
        Checkpoint claimed = claimed(old, shard);

        CheckpointScan scan = tracker.ofStream(old.streamArn());
        assertEquals(List.of(false), scan.rows().stream().map(CheckpointRow::afterProcessing).toList());
        store.commit(old, shard, claimed, "a"); // the in-flight insert's commit lands
        assertEquals(Phase.AFTER_PROCESSING, store.read(old, shard).phase());

        assertEquals(1, tracker.retire(List.of(new Retirement(scan.rows().get(0), ArchiveReason.STREAM_RECREATED)),
                Instant.now()));
        List<String> archived = sql.query("SELECT state, committed_sequence, records_committed FROM " + DB + "."
                        + archive, java.util.Map.of()).stream()
                .map(r -> r.getString("state") + "|" + r.getString("committed_sequence") + "|"
                        + r.getLong("records_committed")).toList();
        assertEquals(List.of("AFTER_PROCESSING|109|10"), archived,
                "the archive holds the claim as it stood when archived: committed by its record");
    }
}
