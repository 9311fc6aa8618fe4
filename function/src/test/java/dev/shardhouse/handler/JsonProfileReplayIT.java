package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.shardhouse.config.IngestConfig;
import dev.shardhouse.testing.FaultyCheckpointStore;
import dev.shardhouse.testing.FaultyCheckpointStore.Fault;
import dev.shardhouse.testing.TestStreams;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A JSON column's value is written as text and parsed by ClickHouse under the JSON-parsing settings of the request
 * ({@code type_json_skip_duplicated_paths}, ...), which the layout does not force: whether a row is refused then
 * depends on the user's profile, not only on the rows and the table's definition. An attempt stored under a profile
 * that accepts a row, whose invocation died before its commit, is replayed under one that refuses it: the refusal is
 * taken as proof that nothing was stored (same definition, deterministic checks), the claim is released and rerouted
 * under a new token, and every record of the claim is stored a second time (found by an adversarial review: ids
 * [0, 0, 1, 2, 2] and one error row). A table with a JSON column now counts as one whose checks are not deterministic:
 * a refusal proves nothing unless the refused attempt is the claim's only one, and the replay fails loudly instead.
 */
class JsonProfileReplayIT {

    private static final String SHARD = "shardId-000000000000";

    @Test
    void aReplayUnderAProfileThatRefusesJsonTheAttemptStoredDoesNotStoreTheClaimTwice() {
        IngestFixture fixture = new IngestFixture("it_json_profile");
        String streamArn = new TestStreams(fixture.kinesis).create("it-json-profile", 1);
        Map<String, String> env = fixture.table("jp", "id UInt32, j JSON");
        IngestHandler setup = fixture.handler(env); // creates the error and checkpoint tables
        IngestConfig config = IngestFixture.config(env);
        // Record 1's object has the path a.b twice, as "a.b" and as a nested "a": {"b": ...}.
        KinesisEvent batch = IngestFixture.event(streamArn, SHARD, 0, 3, i -> "{\"id\":" + i + ",\"j\":"
                + (i == 1 ? "{\"a.b\":1,\"a\":{\"b\":2}}" : "{\"x\":" + i + "}") + "}");

        // The attempt: the user's profile skips duplicated JSON paths; the invocation dies after its inserts.
        ShardBatchProcessor dying = fixture.processor(config, Map.of("type_json_skip_duplicated_paths", "1"),
                UnaryOperator.identity(), FaultyCheckpointStore.injecting(Fault.BEFORE_COMMIT, 1));
        assertThrows(RuntimeException.class, () -> process(setup, dying, batch));
        assertEquals(3, fixture.count("SELECT count() FROM DB.jp"), "the attempt stored the whole claim");

        // The retry: the profile no longer skips them (the server's default).
        ShardBatchProcessor restarted = fixture.processor(config);
        try {
            process(setup, restarted, batch);
        } catch (RuntimeException e) {
            // whatever the replay does, the tables must not hold a record twice
        }

        long target = fixture.count("SELECT count() FROM DB.jp");
        long errors = fixture.count("SELECT count() FROM DB.jp_shardhouse_errors");
        assertEquals(List.of(3L, 0L), List.of(target, errors),
                "each of the 3 records once in the target or the error table; target ids: "
                        + fixture.query("SELECT toString(groupArray(id)) FROM (SELECT id FROM DB.jp ORDER BY id)")
                        .get(0).getString(1));
    }

    private static BatchOutcome process(IngestHandler handler, ShardBatchProcessor processor, KinesisEvent event) {
        var batch = IngestHandler.byShard(event).entrySet().iterator().next();
        return processor.process(handler.pipeline().streams().identity(batch.getKey().streamArn()),
                batch.getKey().shardId(), batch.getValue(), "test");
    }
}
