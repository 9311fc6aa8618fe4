package dev.shardhouse.local.chaos;

import static dev.shardhouse.local.chaos.FunctionLines.NAMESPACE;
import static dev.shardhouse.local.chaos.FunctionLines.OTHER_NAMESPACE;
import static dev.shardhouse.local.chaos.FunctionLines.batchFailed;
import static dev.shardhouse.local.chaos.FunctionLines.refusal;
import static dev.shardhouse.local.chaos.FunctionLines.refused;
import static dev.shardhouse.local.chaos.FunctionLines.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.observe.EmfLine;
import dev.shardhouse.observe.MetricUnit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeldShardsTest {

    private static final String SHARD = "shardId-000000000013";
    private static final String OTHER_SHARD = "shardId-000000000021";

    @Test
    void aShardIsHeldOnceItsReplayWasRefusedAsOftenAsAsked() {
        HeldShards held = new HeldShards(NAMESPACE, 3);
        refuse(held, SHARD, SHARD);

        assertEquals(Optional.empty(), held.held());

        refuse(held, SHARD, SHARD);

        assertEquals(Optional.of(new HeldShards.Held(SHARD, 4)), held.held());
    }

    @Test
    void refusalsAreCountedPerShardAndTheFirstShardRefusedIsTheOneReported() {
        HeldShards held = new HeldShards(NAMESPACE, 2);
        refuse(held, SHARD, OTHER_SHARD);

        assertEquals(Optional.empty(), held.held(), "one refusal each is not two of one shard");

        refuse(held, OTHER_SHARD, SHARD);

        assertEquals(Optional.of(new HeldShards.Held(SHARD, 2)), held.held());
    }

    @Test
    void theOtherPipelinesLinesTransientFailuresOtherErrorsAndOtherLinesCountNothing() {
        HeldShards held = new HeldShards(NAMESPACE, 1);
        held.accept(refused(OTHER_NAMESPACE, SHARD));
        held.accept(render(batchFailed(NAMESPACE, SHARD, true, refusal(SHARD))));
        held.accept(render(batchFailed(NAMESPACE, SHARD, false, "shard " + SHARD + ": ClickHouse did not take the"
                + " insert of 40 records from 4960.0 (Timeout); the batch will be retried with the same token")));
        held.accept(render(new EmfLine(NAMESPACE, "batch").metric("RecordsInserted", 40, MetricUnit.COUNT)
                .field("shard", SHARD).field("note", HeldShards.REFUSAL + " batch_failed")));
        held.accept("12:00:01 WARN driver: " + HeldShards.REFUSAL + " batch_failed");
        held.accept("{\"event\":\"batch_failed\", cut short: " + HeldShards.REFUSAL);
        held.accept("{\"event\":\"batch_failed\",\"transient\":false,\"errorMessage\":\"" + HeldShards.REFUSAL + "\"}");
        held.accept("");

        assertEquals(Optional.empty(), held.held());
    }

    /** The operator only ever acts if the function still words its refusal as the operator looks for it. */
    @Test
    void theWordsWatchedForAreTheFunctionsOwn() throws IOException {
        Path source = Path.of("..", "function", "src", "main", "java", "dev", "shardhouse", "handler",
                "ShardBatchProcessor.java");

        assertTrue(Files.readString(source, StandardCharsets.UTF_8).contains(HeldShards.REFUSAL),
                "ShardBatchProcessor's ReplayMismatchException no longer says '" + HeldShards.REFUSAL + "'");
    }

    /** The changed pipeline's function refusing a held claim of each shard given, in turn. */
    private static void refuse(HeldShards held, String... shards) {
        for (String shard : shards) {
            held.accept(refused(NAMESPACE, shard));
        }
    }
}
