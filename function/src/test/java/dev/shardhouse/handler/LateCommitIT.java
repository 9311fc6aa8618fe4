package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.testing.HeldFirstCommit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A commit that reaches the server after its invocation gave up on it ({@code ClickHouseSql.awaitWithin}: "it may
 * still complete") must not touch a later claim. It refuted a faster commit tried on 2026-12-03 (issue 14): an
 * unconditional upsert of a per-shard marker naming the claim's token, which readers took as the commit. The late marker
 * of claim 1 overwrote claim 2's, claim 2 read as pending again, and the shard's next batch, after other inserts had
 * moved the table's deduplication window on, replayed it: its 50 records twice (adversarial review's test, adapted).
 * A commit record per claim, created once, cannot be overwritten.
 */
class LateCommitIT {

    private static final int RECORDS = 150;
    /** The target's deduplication window in blocks: the least the startup check accepts for one open shard. */
    private static final int WINDOW = 100;
    private static IngestFixture fixture;
    private static String streamArn;
    private static String shardId;
    private static KinesisEvent all;

    @BeforeAll
    static void putRecords() {
        fixture = new IngestFixture("it_late_commit");
        IngestFixture.OrderStream stream = fixture.orderStream("it-late-commit", RECORDS);
        streamArn = stream.arn();
        shardId = stream.shardId();
        all = stream.all();
    }

    @Test
    void aCommitArrivingAfterALaterClaimCommittedChangesNothing() {
        fixture.execute("DROP TABLE IF EXISTS DB.late");
        fixture.execute("CREATE TABLE DB.late (id UInt64, name String, _shard_id String, _sequence_number String)"
                + " ENGINE = MergeTree ORDER BY id SETTINGS non_replicated_deduplication_window = " + WINDOW);
        Map<String, String> env = fixture.env("late", IngestFixture.uniqueName("cp_late"));
        HeldFirstCommit[] store = new HeldFirstCommit[1];
        IngestHandler warm = fixture.handler(env, real -> store[0] = new HeldFirstCommit(real));

        // Batch 1 is inserted and its commit held; the invocation fails. The retry commits claim 1, then batch 2 commits.
        assertThrows(BatchFailedException.class, () -> warm.handleRequest(IngestFixture.slice(all, 0, 50), null));
        warm.handleRequest(IngestFixture.slice(all, 0, 50), null);
        warm.handleRequest(IngestFixture.slice(all, 50, 100), null);
        StreamIdentity stream = warm.pipeline().streams().identity(streamArn);
        Checkpoint before = store[0].read(stream, shardId);

        store[0].land(); // the late commit of claim 1 lands now
        assertEquals(before, store[0].read(stream, shardId));

        // Other shards' inserts over a quiet time move the deduplication window on; then the shard's next batch.
        for (int block = 0; block <= WINDOW; block++) {
            fixture.sql.execute("INSERT INTO " + fixture.database + ".late (id, name) VALUES (" + (1_000_000 + block)
                    + ", 'other')", Map.of(), Map.of("insert_deduplication_token", "other-shard-" + block));
        }
        fixture.handler(env).handleRequest(IngestFixture.slice(all, 100, RECORDS), null);

        assertEquals(List.of((long) RECORDS, (long) RECORDS), List.of(
                fixture.count("SELECT count() FROM DB.late WHERE id < 1000000"),
                fixture.count("SELECT uniqExact(id) FROM DB.late WHERE id < 1000000")), "rows and distinct ids");
    }
}
