package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.config.IngestConfig;
import dev.shardhouse.decode.KinesisRecordIn;
import dev.shardhouse.testing.FaultyCheckpointStore;
import dev.shardhouse.testing.FaultyCheckpointStore.Fault;
import dev.shardhouse.testing.FirstClaimHook;
import dev.shardhouse.testing.TestStreams;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Adversarial review of the fifth session (mapping reuse, upload during the claim), against the local services. */
class Review5FindingsIT {

    private static final String SHARD = "shardId-000000000000";
    private static IngestFixture fixture;
    private static String streamArn;

    @BeforeAll
    static void createStream() {
        fixture = new IngestFixture("it_review5");
        streamArn = new TestStreams(fixture.kinesis).create("it-review5", 1);
    }

    private static KinesisEvent event(int first, int count, IntFunction<String> json) {
        return IngestFixture.event(streamArn, SHARD, first, count, json);
    }

    private static List<String> rows(String query) {
        return fixture.query(query).stream().map(row -> row.getString(1)).toList();
    }

    /**
     * A materialized view failing with code 16 (here a joinGet on a Join table rebuilt without the attribute) fails the
     * insert after the target table stored the block. BatchWriter.insertTarget takes every code 16 for a stale
     * mapping before it looks for a failed view, so the claim, its only attempt, is released and the records are
     * claimed again under a new token by every delivery.
     */
    @Test
    void aViewFailingWithCode16NeverMakesTheTargetHoldARecordTwice() {
        Map<String, String> env = fixture.table("joined", "id UInt32");
        fixture.execute("DROP VIEW IF EXISTS DB.joined_mv");
        fixture.execute("DROP TABLE IF EXISTS DB.joined_labels");
        fixture.execute("DROP TABLE IF EXISTS DB.joined_lookup");
        fixture.execute("CREATE TABLE DB.joined_labels (id UInt32, label String) ENGINE = MergeTree ORDER BY id");
        fixture.execute("CREATE TABLE DB.joined_lookup (k UInt32, label String) ENGINE = Join(ANY, LEFT, k)");
        fixture.execute("CREATE MATERIALIZED VIEW DB.joined_mv TO DB.joined_labels AS SELECT id,"
                + " joinGet('" + fixture.database + ".joined_lookup', 'label', id) AS label FROM DB.joined");
        // The lookup table is rebuilt with its attribute renamed: the view now fails on every block.
        fixture.execute("DROP TABLE DB.joined_lookup");
        fixture.execute("CREATE TABLE DB.joined_lookup (k UInt32, name String) ENGINE = Join(ANY, LEFT, k)");
        KinesisEvent batch = event(0, 3, i -> "{\"id\":" + i + "}");
        IngestHandler handler = fixture.handler(env);

        for (int delivery = 0; delivery < 3; delivery++) {
            try {
                handler.handleRequest(batch, null);
            } catch (RuntimeException expected) {
                // the mapping delivers the batch again
            }
        }

        assertEquals(List.of("0", "1", "2"), rows("SELECT toString(id) FROM DB.joined ORDER BY id"),
                "each record once in the target table");
    }

    /**
     * ClaimUploadIT's race, with the batch's last record lacking its column's key (ACCEPT, the default policy): its
     * row is the one byte "use the default" of RowBinaryWithDefaults. The loser's upload holds back that byte, so
     * its body stops on a row boundary; the abort still ends the request body, and ClickHouse stores the 499 rows
     * before it, under the token of a claim that never was, besides the winner's 500.
     */
    @Test
    void anInvocationThatLosesItsClaimStoresNoneWhenItsLastRowIsOneByte() throws InterruptedException {
        Map<String, String> env = fixture.table("raced_default", "id UInt32");
        IngestHandler handler = fixture.handler(env);
        IngestConfig config = IngestFixture.config(env);
        StreamIdentity stream = handler.pipeline().streams().identity(streamArn);
        KinesisEvent event = event(0, 500, i -> i == 499 ? "{}" : "{\"id\":" + i + "}");
        List<KinesisRecordIn> records = IngestHandler.byShard(event).values().iterator().next();
        ShardBatchProcessor winner = fixture.processor(config, Map.of(), UnaryOperator.identity(),
                UnaryOperator.identity());
        ShardBatchProcessor loser = fixture.processor(config, Map.of(), UnaryOperator.identity(),
                FirstClaimHook.before(() -> winner.process(stream, SHARD, records, "winner")));

        BatchOutcome lost = loser.process(stream, SHARD, records, "loser");
        Thread.sleep(3000); // abandon() waits for the client, not for the server to end the request

        assertEquals(List.of(0L, 500), List.of(lost.inserted(), lost.duplicates()),
                "the loser found the records committed by the winner");
        assertEquals(500, fixture.count("SELECT count() FROM DB.raced_default"), "each record once");
    }

    private static BatchOutcome process(ShardBatchProcessor processor, IngestHandler handler, KinesisEvent event) {
        var batch = IngestHandler.byShard(event).entrySet().iterator().next();
        return processor.process(handler.pipeline().streams().identity(streamArn), batch.getKey().shardId(),
                batch.getValue(), "test");
    }

    /**
     * A warm instance replays, with the definition it last read, a claim another instance made for the table as it is
     * now: a record the new definition maps (-2.5 into Float32) does not map with the old one (UInt32), and the replay
     * throws ReplayMismatchException ("Restore the table's definition"). Nothing makes the instance read the
     * definition again, so every delivery of the batch to it fails the same way. (An instance with a checkpoint of
     * the shard remembered goes the claim's way first, whose mapping failure re-reads the definition: hence a batch
     * of another shard warms it.)
     */
    @Test
    void aWarmInstanceReplaysAClaimMadeForTheTableAsItIsNow() {
        Map<String, String> env = fixture.table("replayed", "id UInt32, v UInt32");
        IngestHandler handler = fixture.handler(env);
        IngestConfig config = IngestFixture.config(env);
        ShardBatchProcessor warm = fixture.processor(config, Map.of(), UnaryOperator.identity(),
                UnaryOperator.identity());
        // The warm instance last read the definition for a batch of another shard: it has no checkpoint of this one.
        process(warm, handler, IngestFixture.event(streamArn, "shardId-000000000001", 0, 2,
                i -> "{\"id\":" + (100 + i) + ",\"v\":" + i + "}"));
        process(fixture.processor(config, Map.of(), UnaryOperator.identity(), UnaryOperator.identity()), handler,
                event(0, 2, i -> "{\"id\":" + i + ",\"v\":" + i + "}"));
        fixture.execute("ALTER TABLE DB.replayed MODIFY COLUMN v Float32");
        KinesisEvent batch = event(2, 2, i -> "{\"id\":" + i + ",\"v\":-" + i + ".5}");
        ShardBatchProcessor dying = fixture.processor(config, Map.of(), UnaryOperator.identity(),
                FaultyCheckpointStore.injecting(Fault.AFTER_CLAIM, 1));
        try {
            process(dying, handler, batch);
        } catch (RuntimeException expected) {
            // claimed for the table as it is now, then died before its insert
        }

        RuntimeException last = null;
        for (int delivery = 0; delivery < 3; delivery++) {
            try {
                process(warm, handler, batch);
                last = null;
                break;
            } catch (RuntimeException e) {
                last = e;
            }
        }

        assertEquals(null, last == null ? null : last.getClass().getSimpleName() + ": " + last.getMessage(),
                "the warm instance gets the batch through within three deliveries");
        assertEquals(List.of("0", "1", "-2.5", "-3.5", "100", "101"), rows("SELECT toString(v) FROM DB.replayed ORDER BY id"));
    }
}
