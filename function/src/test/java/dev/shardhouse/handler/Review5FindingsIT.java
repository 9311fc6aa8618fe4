package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.config.IngestConfig;
import dev.shardhouse.decode.KinesisRecordIn;
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
}
