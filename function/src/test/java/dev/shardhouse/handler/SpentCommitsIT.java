package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.dedup.Phase;
import org.junit.jupiter.api.Test;

/**
 * Each commit creates a record beside the checkpoint row, and each next claim makes the previous record spent: a warm
 * instance deletes its spent records sixteen at a time, so the keeper does not grow with the batches between tracker
 * runs, or while the tracker is down.
 */
class SpentCommitsIT {

    private static final int BATCHES = 40;

    @Test
    void aWarmInstanceDeletesTheCommitRecordsItsClaimsMadeSpent() {
        IngestFixture fixture = new IngestFixture("it_spent_commits");
        IngestFixture.OrderStream orders = fixture.orderStream("it-spent-commits", BATCHES);
        String streamArn = orders.arn();
        String shardId = orders.shardId();
        KinesisEvent all = orders.all();
        fixture.execute("DROP TABLE IF EXISTS DB.spent");
        fixture.execute("CREATE TABLE DB.spent (id UInt64, name String) ENGINE = MergeTree ORDER BY id"
                + " SETTINGS non_replicated_deduplication_window = 1000");
        String checkpoints = IngestFixture.uniqueName("cp_spent");
        IngestHandler warm = fixture.handler(fixture.env("spent", checkpoints));

        for (int batch = 0; batch < BATCHES; batch++) {
            warm.handleRequest(IngestFixture.slice(all, batch, batch + 1), null);
        }

        StreamIdentity stream = warm.pipeline().streams().identity(streamArn);
        assertEquals(Phase.AFTER_PROCESSING, warm.pipeline().processor().checkpoints().read(stream, shardId).phase());
        assertEquals(BATCHES, fixture.count("SELECT count() FROM DB.spent"));
        long records = fixture.count("SELECT count() FROM DB." + checkpoints + " WHERE state = 'CLAIM_COMMITTED'");
        // 40 commits: 39 records made spent, 32 of them deleted in two rounds; the 8 since, and the last claim's.
        assertTrue(records >= 1 && records <= SpentCommits.AT_ONCE, records + " commit records left of " + BATCHES);
        assertEquals(BATCHES - 2 * SpentCommits.AT_ONCE, records);
    }
}
