package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.shardhouse.checkpoint.CheckpointStore;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.testing.ForwardingCheckpointStore;
import dev.shardhouse.testing.HeldFirstCommit;
import dev.shardhouse.testing.TestStreams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A commit record does not move the checkpoint row's revision, so a compare-and-set made from a checkpoint read before
 * the record landed still succeeds after it. Adversarial review of the first commit-record version (2026-12-03):
 * invocation A inserts claim T's 50 rows and its commit is held in the network (as in LateCommitIT); the retry B reads T
 * pending; A's commit lands; B counts its attempt; the target now refuses the rows (its check looks the id up in a
 * dictionary an operator emptied), and with dictHas then missing from TargetTable's non-deterministic functions the
 * refusal counted as proof that A stored nothing: B released T, re-claimed the records into the error table, and every
 * record was stored twice ([50, 50]). Two defences now hold: a check that looks something up is not deterministic, and
 * a release loses to the claim's commit record (KeeperMapCheckpointStoreIT.aClaimItsCommitRecordNamesIsNeverReleased).
 */
class ReleaseAfterRecordCommitIT {

    private static final int RECORDS = 50;

    /** B's store: A's held commit lands just before B's first compare-and-set (after B read the claim pending). */
    private static final class CommitLandsBeforeFirstCas extends ForwardingCheckpointStore {
        private final HeldFirstCommit other;
        private boolean landed;

        CommitLandsBeforeFirstCas(CheckpointStore real, HeldFirstCommit other) {
            super(real);
            this.other = other;
        }

        @Override
        public boolean compareAndSet(StreamIdentity stream, String shardId, Checkpoint expected, Checkpoint next,
                                     String owner) {
            if (!landed) {
                landed = true;
                other.land();
            }
            return real.compareAndSet(stream, shardId, expected, next, owner);
        }
    }

    @Test
    void aReplayThatReadTheClaimBeforeItsCommitRecordCannotReleaseIt() {
        IngestFixture fixture = new IngestFixture("it_release_after_record");
        IngestFixture.OrderStream stream = fixture.orderStream("it-release-after-record", RECORDS);
        KinesisEvent batch = stream.all();

        fixture.execute("DROP TABLE IF EXISTS DB.rel");
        fixture.execute("DROP TABLE IF EXISTS DB.rel_shardhouse_errors");
        fixture.execute("DROP DICTIONARY IF EXISTS DB.known_customers");
        fixture.execute("DROP TABLE IF EXISTS DB.customers");
        fixture.execute("CREATE TABLE DB.customers (id UInt64) ENGINE = MergeTree ORDER BY id");
        fixture.execute("INSERT INTO DB.customers SELECT number FROM numbers(" + RECORDS + ")");
        fixture.execute("CREATE DICTIONARY DB.known_customers (id UInt64) PRIMARY KEY id SOURCE(CLICKHOUSE(TABLE"
                + " 'customers' DB '" + fixture.database + "')) LIFETIME(0) LAYOUT(HASHED())");
        fixture.execute("CREATE TABLE DB.rel (id UInt64, name String,"
                + " CONSTRAINT known_customer CHECK dictHas('DB.known_customers', id))"
                + " ENGINE = MergeTree ORDER BY id SETTINGS non_replicated_deduplication_window = 1000");
        Map<String, String> env = fixture.env("rel", IngestFixture.uniqueName("cp_rel"));

        HeldFirstCommit[] a = new HeldFirstCommit[1];
        IngestHandler instanceA = fixture.handler(env, real -> a[0] = new HeldFirstCommit(real));
        // A inserts the 50 rows (all customers known) and its commit is held: its invocation fails, Lambda retries.
        assertThrows(BatchFailedException.class, () -> instanceA.handleRequest(batch, null));
        assertEquals(RECORDS, fixture.count("SELECT count() FROM DB.rel"));

        // The operator removes the customers; the retry runs on another instance, and A's commit lands meanwhile.
        fixture.execute("TRUNCATE TABLE DB.customers");
        fixture.execute("SYSTEM RELOAD DICTIONARY DB.known_customers");
        IngestHandler instanceB = fixture.handler(env, real -> new CommitLandsBeforeFirstCas(real, a[0]));
        try {
            instanceB.handleRequest(batch, null);
        } catch (RuntimeException failed) {
            // whether B's batch fails does not matter: what it left does
        }

        new TestStreams(fixture.kinesis).delete(stream.arn());
        long inTarget = fixture.count("SELECT count() FROM DB.rel");
        long inErrors = fixture.count("SELECT count() FROM DB.rel_shardhouse_errors");
        assertEquals(List.of((long) RECORDS, 0L), List.of(inTarget, inErrors),
                "records in the target and in the error table: each record once in all");
    }
}
