package dev.shardhouse.tracker;

import static dev.shardhouse.tracker.TestShards.STREAM;
import static dev.shardhouse.tracker.TestShards.closed;
import static dev.shardhouse.tracker.TestShards.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.checkpoint.CheckpointStore;
import dev.shardhouse.checkpoint.KeeperMapCheckpointStore;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.PendingRange;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.dedup.Routing;
import dev.shardhouse.source.KinesisStreams;
import dev.shardhouse.testing.ForwardingCheckpointStore;
import dev.shardhouse.testing.LocalServices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tracker's commit of expired claims interleaved with the ingest function's commit record, on the real store. */
class ExpiredClaimsIT {

    private static final String DATABASE = "it_expired_claims";
    private static ClickHouseSql sql;
    private static KeeperMapCheckpointStore store;

    @BeforeAll
    static void createTables() {
        sql = new ClickHouseSql(LocalServices.clickHouse("default"));
        sql.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        String suffix = Long.toString(System.nanoTime(), 36);
        KeeperMapCheckpointStore.createTables(sql, DATABASE, "checkpoints_" + suffix, "archive_" + suffix);
        store = new KeeperMapCheckpointStore(sql, DATABASE, "checkpoints_" + suffix, "archive_" + suffix,
                DATABASE + ".target");
    }

    /**
     * The maker of a claim on a closed parent inserted its records and writes the claim's commit record while a tracker
     * run looks at the claim: after the tracker read the checkpoint (the claim pending) and before its compare-and-set.
     * Every record of the claim has aged out of the stream by then (the maker held them in its batch).
     *
     * <p>The compare-and-set loses to the record; the claim_records_expired line (metric RecordsExpired), which comes
     * before it, must not be printed either: the records are stored. Found by an adversarial review (2026-12-03): the
     * line went out from the checkpoint read before the range read, {@code expected: <[]> but was:
     * <[shardId-000000000000 1..3 3]>}.
     */
    @Test
    void aClaimItsCommitRecordCommitsAfterTheTrackersReadIsNotReportedExpired() {
        String shard = id(0);
        Checkpoint claimed = claim(shard, "1", "2", "3");
        // The maker's commit record lands just after the tracker's read of the checkpoint.
        CheckpointStore makerCommitsAfterRead = new ForwardingCheckpointStore(store) {
            @Override
            public Checkpoint read(StreamIdentity stream, String shardId) {
                Checkpoint read = real.read(stream, shardId);
                real.commit(stream, shardId, claimed, "maker");
                return read;
            }
        };
        List<String> reported = new ArrayList<>();
        ExpiredClaims expiredClaims = new ExpiredClaims(makerCommitsAfterRead,
                (arn, shardId, first, last) -> new KinesisStreams.RangeRead(List.of(), true),
                (stream, shardId, claim, records) -> reported.add(shardId + " " + claim.first().sequenceNumber()
                        + ".." + claim.last().sequenceNumber() + " " + records));
        StreamListing listing = new StreamListing(STREAM, List.of(closed(0)));

        List<ExpiredClaim> committed = expiredClaims.commit(listing,
                List.of(TestShards.checkpoint(STREAM, 0, "BEFORE_PROCESSING", Instant.EPOCH)));

        assertEquals(List.of(), committed, "the tracker's commit loses to the record");
        assertEquals(claimed.markedCommitted(), store.read(STREAM, shard), "committed by its record");
        assertEquals(List.of(), reported, "a claim its commit record commits (its records stored) is not reported"
                + " expired");
    }

    /** A claim of the records at {@code sequences}, pending on a new row, as the ingest function writes it. */
    private static Checkpoint claim(String shardId, String... sequences) {
        Checkpoint absent = store.read(STREAM, shardId);
        Checkpoint claimed = absent.claim(PendingRange.claim(store.key(STREAM, shardId),
                List.of(sequences).stream().map(Position::of).toList(), "definition", Routing.NONE, "claim-id"));
        assertTrue(store.compareAndSet(STREAM, shardId, absent, claimed, "maker"));
        return claimed;
    }
}
