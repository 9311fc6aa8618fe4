package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.shardhouse.config.Identifier;
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

    /** The event's one shard batch, whichever shard it is of. */
    private static BatchOutcome process(ShardBatchProcessor processor, KinesisEvent event) {
        var batch = IngestHandler.byShard(event).entrySet().iterator().next();
        return processor.process(handler.pipeline().streams().identity(streamArn), batch.getKey().shardId(),
                batch.getValue(), "test");
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
        ShardBatchProcessor processor = fixture.processor(config(env), Map.of(), counting(reads), UnaryOperator.identity());

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
        ShardBatchProcessor warm = fixture.processor(config);
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

    /**
     * A materialized view failing with code 16 (here a joinGet on a Join table rebuilt without the attribute) fails the
     * insert after the target table stored the block. Was (adversarial review): BatchWriter took every code 16 for a
     * stale mapping before it looked for a failed view, so the claim, its only attempt, was released and every
     * delivery stored the records again under a new token ([0, 0, 0, 1, 1, 1, 2, 2, 2]).
     */
    @Test
    void aViewFailingWithCode16NeverMakesTheTargetHoldARecordTwice() {
        Map<String, String> env = tableWithAFailingJoinView("joined", "joined_mv");

        assertEquals(List.of("0", "1", "2"), idsAfterThreeDeliveries(env, "joined"), "each record once in the table");
    }

    /**
     * Was (second adversarial review): the same failure, from a view whose name ClickHouse back-quotes in its message
     * ("while pushing to view db.`joinedq-mv`"), was looked up in system.tables by that text, not found, and taken for
     * a stale mapping: the claim released after the table stored the block, every delivery stored the records again.
     */
    @Test
    void aViewWithAQuotedNameFailingWithCode16NeverMakesTheTargetHoldARecordTwice() {
        Map<String, String> env = tableWithAFailingJoinView("joinedq", "joinedq-mv");

        assertEquals(List.of("0", "1", "2"), idsAfterThreeDeliveries(env, "joinedq"), "each record once in the table");
    }

    /**
     * Was (second adversarial review): a view whose name ClickHouse back-quotes, failing on a record's content (code
     * 6) after the table stored the block, was taken for a refusal whose dry run found no row at fault: the claim
     * released, every delivery stored the records again.
     */
    @Test
    void aViewWithAQuotedNameFailingOnContentNeverMakesTheTargetHoldARecordTwice() {
        Map<String, String> env = fixture.table("viewq", "id UInt32");
        fixture.execute("DROP VIEW IF EXISTS DB.`viewq-mv`");
        fixture.execute("DROP TABLE IF EXISTS DB.viewq_numbers");
        fixture.execute("CREATE TABLE DB.viewq_numbers (n UInt32) ENGINE = MergeTree ORDER BY n");
        fixture.execute("CREATE MATERIALIZED VIEW DB.`viewq-mv` TO DB.viewq_numbers AS SELECT toUInt32(id - 1) AS n"
                + " FROM DB.viewq WHERE throwIf(id = 1, 'a value the view cannot take') = 0");

        assertEquals(List.of("0", "1", "2"), idsAfterThreeDeliveries(env, "viewq"), "each record once in the table");
    }

    /**
     * Table {@code table (id UInt32)} with a materialized view {@code view} calling joinGet on a Join table that is then
     * rebuilt without the looked-up attribute: every block fails the view with code 16, after the table stored it.
     */
    private static Map<String, String> tableWithAFailingJoinView(String table, String view) {
        Map<String, String> env = fixture.table(table, "id UInt32");
        String quotedView = "DB." + Identifier.quote(view);
        fixture.execute("DROP VIEW IF EXISTS " + quotedView);
        fixture.execute("DROP TABLE IF EXISTS DB." + table + "_labels");
        fixture.execute("DROP TABLE IF EXISTS DB." + table + "_lookup");
        fixture.execute("CREATE TABLE DB." + table + "_labels (id UInt32, label String) ENGINE = MergeTree ORDER BY id");
        fixture.execute("CREATE TABLE DB." + table + "_lookup (k UInt32, label String) ENGINE = Join(ANY, LEFT, k)");
        fixture.execute("CREATE MATERIALIZED VIEW " + quotedView + " TO DB." + table + "_labels AS SELECT id,"
                + " joinGet('" + fixture.database + "." + table + "_lookup', 'label', id) AS label FROM DB." + table);
        fixture.execute("DROP TABLE DB." + table + "_lookup");
        fixture.execute("CREATE TABLE DB." + table + "_lookup (k UInt32, name String) ENGINE = Join(ANY, LEFT, k)");
        return env;
    }

    /** Records 0, 1, 2 delivered three times, as the mapping redelivers a failed batch; the ids in the table then. */
    private static List<String> idsAfterThreeDeliveries(Map<String, String> env, String table) {
        KinesisEvent batch = event(0, 3, i -> "{\"id\":" + i + "}");
        IngestHandler function = fixture.handler(env);
        for (int delivery = 0; delivery < 3; delivery++) {
            try {
                function.handleRequest(batch, null);
            } catch (RuntimeException expected) {
                // the mapping delivers the batch again
            }
        }
        return rows("SELECT toString(id) FROM DB." + table + " ORDER BY id");
    }

    /**
     * A warm instance replays, with the definition it last read, a claim another instance made for the table as it is
     * now: a record the new definition maps (-2.5 into Float32) does not map with the old one (UInt32), and the replay
     * throws ReplayMismatchException ("Restore the table's definition"). Nothing makes the instance read the
     * definition again, so every delivery of the batch to it failed the same way (adversarial review); now a replay
     * whose record does not map checks the definition first. (An instance with a checkpoint of
     * the shard remembered goes the claim's way first, whose mapping failure re-reads the definition: hence a batch
     * of another shard warms it.)
     */
    @Test
    void aWarmInstanceReplaysAClaimMadeForTheTableAsItIsNow() {
        Map<String, String> env = fixture.table("replayed", "id UInt32, v UInt32");
        IngestConfig config = config(env);
        ShardBatchProcessor warm = fixture.processor(config);
        // The warm instance last read the definition for a batch of another shard: it has no checkpoint of this one.
        process(warm, IngestFixture.event(streamArn, "shardId-000000000001", 0, 2,
                i -> "{\"id\":" + (100 + i) + ",\"v\":" + i + "}"));
        process(fixture.processor(config),
                event(0, 2, i -> "{\"id\":" + i + ",\"v\":" + i + "}"));
        fixture.execute("ALTER TABLE DB.replayed MODIFY COLUMN v Float32");
        KinesisEvent batch = event(2, 2, i -> "{\"id\":" + i + ",\"v\":-" + i + ".5}");
        ShardBatchProcessor dying = fixture.processor(config, Map.of(), UnaryOperator.identity(),
                FaultyCheckpointStore.injecting(Fault.AFTER_CLAIM, 1));
        try {
            process(dying, batch);
        } catch (RuntimeException expected) {
            // claimed for the table as it is now, then died before its insert
        }

        RuntimeException last = null;
        for (int delivery = 0; delivery < 3; delivery++) {
            try {
                process(warm, batch);
                last = null;
                break;
            } catch (RuntimeException e) {
                last = e;
            }
        }

        assertEquals(null, last == null ? null : last.getClass().getSimpleName() + ": " + last.getMessage(),
                "the warm instance gets the batch through within three deliveries");
        assertEquals(List.of("0:0", "1:1", "2:-2.5", "3:-3.5", "100:0", "101:1"),
                rows("SELECT concat(toString(id), ':', toString(v)) FROM DB.replayed ORDER BY id"), "each record once");
    }
}
