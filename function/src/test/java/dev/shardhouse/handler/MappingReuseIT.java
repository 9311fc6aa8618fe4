package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.shardhouse.config.IngestConfig;
import dev.shardhouse.dedup.Phase;
import dev.shardhouse.map.TableDefinition;
import dev.shardhouse.testing.FaultyCheckpointStore;
import dev.shardhouse.testing.FaultyCheckpointStore.Fault;
import dev.shardhouse.testing.TestStreams;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A warm instance maps with the table's definition as it last read it (issue 14: a query per batch less); the insert's
 * guard stops rows mapped for a definition the table no longer has, and the batch reads the definition again and
 * goes through within the same invocation, without a record twice.
 */
class MappingReuseIT {

    private static final String SHARD = "shardId-000000000000";
    private static IngestFixture fixture;
    private static String streamArn;
    private static IngestHandler handler;

    @BeforeAll
    static void createStream() {
        fixture = new IngestFixture("it_mapping_reuse");
        streamArn = new TestStreams(fixture.kinesis).create("it-mapping-reuse", 1);
    }

    private static KinesisEvent event(int first, int count, IntFunction<String> json) {
        return IngestFixture.event(streamArn, SHARD, first, count, json);
    }

    private static IngestConfig config(Map<String, String> env) {
        handler = fixture.handler(env); // creates the checkpoint and error tables, as the function's init does
        return IngestFixture.config(env);
    }

    private static BatchOutcome process(ShardBatchProcessor processor, KinesisEvent event) {
        var batch = IngestHandler.byShard(event).entrySet().iterator().next();
        return processor.process(handler.pipeline().streams().identity(streamArn), SHARD, batch.getValue(), "test");
    }

    /** Wraps the real definition to count how often ClickHouse is asked for it. */
    private static UnaryOperator<TableDefinition> counting(AtomicInteger reads) {
        return table -> () -> {
            reads.incrementAndGet();
            return table.current();
        };
    }

    private static List<String> rows(String query) {
        return fixture.query(query).stream().map(row -> row.getString(1)).toList();
    }

    @Test
    void warmBatchesReadTheDefinitionOnceAndAgainOnlyAfterTheTableChanged() {
        Map<String, String> env = fixture.table("reused", "id UInt32, v UInt32");
        AtomicInteger reads = new AtomicInteger();
        ShardBatchProcessor processor = fixture.processor(config(env), Map.of(), counting(reads),
                UnaryOperator.identity());

        for (int batch = 0; batch < 3; batch++) {
            process(processor, event(batch * 2, 2, i -> "{\"id\":" + i + ",\"v\":" + i + "}"));
        }
        assertEquals(1, reads.get(), "three warm batches, one read of the definition");

        fixture.execute("ALTER TABLE DB.reused MODIFY COLUMN v Float32");
        BatchOutcome outcome = process(processor, event(6, 2, i -> "{\"id\":" + i + ",\"v\":" + i + ".5}"));

        assertEquals(2, reads.get(), "the insert for the old definition was stopped and the definition read again");
        assertEquals(2, outcome.inserted());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6.5", "7.5"),
                rows("SELECT toString(v) FROM DB.reused ORDER BY id"), "each record once, the last two as Float32");
        assertEquals(0, fixture.count("SELECT count() FROM DB.reused_shardhouse_errors"));
        assertEquals(Phase.AFTER_PROCESSING, processor.checkpoints()
                .read(handler.pipeline().streams().identity(streamArn), SHARD).phase());
    }

    /**
     * The stale attempt is not the claim's only one: an invocation that died after its insert left one open, which
     * may have stored the claim, so the claim is kept, replayed for the new definition under its token, and ClickHouse
     * drops the repeat.
     */
    @Test
    void aStaleReplayOfAClaimAnotherAttemptMayHaveStoredKeepsItsToken() {
        Map<String, String> env = fixture.table("kept", "id UInt32");
        IngestConfig config = config(env);
        ShardBatchProcessor warm = fixture.processor(config, Map.of(), UnaryOperator.identity(),
                UnaryOperator.identity());
        process(warm, event(0, 2, i -> "{\"id\":" + i + "}"));
        KinesisEvent batch = event(2, 3, i -> "{\"id\":" + i + "}");
        ShardBatchProcessor dying = fixture.processor(config, Map.of(), UnaryOperator.identity(),
                FaultyCheckpointStore.injecting(Fault.BEFORE_COMMIT, 1));
        assertThrows(RuntimeException.class, () -> process(dying, batch));
        assertEquals(5, fixture.count("SELECT count() FROM DB.kept"), "the dying attempt stored its claim");

        fixture.execute("ALTER TABLE DB.kept ADD COLUMN note String DEFAULT 'after'");
        BatchOutcome retry = process(warm, batch);

        assertEquals(3, retry.recovered());
        assertEquals(List.of("0", "1", "2", "3", "4"), rows("SELECT toString(id) FROM DB.kept ORDER BY id"));
        assertEquals(0, fixture.count("SELECT count() FROM DB.kept_shardhouse_errors"));
    }
}
