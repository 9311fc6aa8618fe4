package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.shardhouse.testing.FaultyCheckpointStore;
import dev.shardhouse.testing.FaultyCheckpointStore.Fault;
import dev.shardhouse.testing.TestStreams;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Deaths at the refusal path's new steps (after a claim, after its re-route) and claims of error rows only. */
class CrashDuringRerouteIT {

    private static final String SHARD = "shardId-000000000000";
    private static IngestFixture fixture;
    private static String streamArn;

    @BeforeAll
    static void createStream() {
        fixture = new IngestFixture("it_crash_reroute");
        streamArn = new TestStreams(fixture.kinesis).create("it-crash-reroute", 1);
    }

    private static KinesisEvent event(int first, int count, IntFunction<String> json) {
        return IngestFixture.event(streamArn, SHARD, first, count, json);
    }

    /** Dies after the claim, then after the re-route's compare-and-set: the third invocation writes each record once. */
    @Test
    void deathsAfterTheClaimAndAfterTheRerouteLeaveEachRecordInExactlyOneTable() {
        Map<String, String> env = fixture.table("rerouted", "id UInt32, CONSTRAINT small CHECK id < 1000");
        KinesisEvent batch = event(0, 8, i -> "{\"id\":" + (i == 3 ? 5003 : i == 5 ? "\"five\"" : i) + "}");
        assertThrows(BatchFailedException.class, () -> fixture.handler(env,
                FaultyCheckpointStore.injecting(Fault.AFTER_CLAIM, 1)).handleRequest(batch, null));
        assertThrows(BatchFailedException.class, () -> fixture.handler(env,
                FaultyCheckpointStore.injecting(Fault.AFTER_CLAIM, 1)).handleRequest(batch, null));
        assertEquals(0, fixture.count("SELECT count() FROM DB.rerouted"), "nothing written before the re-route");
        fixture.handler(env).handleRequest(batch, null);
        fixture.handler(env).handleRequest(batch, null);

        assertEquals(6, fixture.count("SELECT count() FROM DB.rerouted"));
        assertEquals(List.of("1003", "1005"), fixture.query("SELECT sequence_number FROM DB.rerouted_shardhouse_errors"
                + " ORDER BY sequence_number").stream().map(row -> row.getString(1)).toList());
    }

    /** Only error rows, the crash between insert and commit: replayed once. */
    @Test
    void aClaimOfOnlyErrorRowsReplaysThemOnce() {
        Map<String, String> env = fixture.table("allbad", "id UInt32");
        KinesisEvent batch = event(100, 5, i -> "nope " + i);
        assertThrows(BatchFailedException.class, () -> fixture.handler(env,
                FaultyCheckpointStore.injecting(Fault.BEFORE_COMMIT, 1)).handleRequest(batch, null));
        fixture.handler(env).handleRequest(batch, null);
        assertEquals(0, fixture.count("SELECT count() FROM DB.allbad"));
        assertEquals(5, fixture.count("SELECT count() FROM DB.allbad_shardhouse_errors"));
    }
}
