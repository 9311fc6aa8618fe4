package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.clickhouse.client.api.query.GenericRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shardhouse.testing.StdoutCapture;
import dev.shardhouse.testing.TestStreams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a producer's typo'd key never fills a table with defaults unnoticed. Every batch counts the keys that
 * named no column and the columns no key filled (metrics UnknownKeys, MissingColumns, with the names in the log
 * line); with UNMATCHED_KEYS=REJECT such records go to the error table naming them.
 */
class UnmatchedKeysIT {

    private static final String SHARD = "shardId-000000000000";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static IngestFixture fixture;
    private static String streamArn;

    @BeforeAll
    static void createStream() {
        fixture = new IngestFixture("it_unmatched");
        streamArn = new TestStreams(fixture.kinesis).create("it-unmatched", 1);
    }

    /** Records 0..4 (sequence numbers 1000..1004) with user ids 1..5; records 1 and 3 spell the key usr_id. */
    private static KinesisEvent batch() {
        return IngestFixture.event(streamArn, SHARD, 0, 5, i -> i % 2 == 1
                ? "{\"usr_id\":" + (i + 1) + ",\"name\":\"n" + i + "\"}"
                : "{\"user_id\":" + (i + 1) + ",\"name\":\"n" + i + "\"}");
    }

    private static JsonNode batchLine(List<String> log) throws Exception {
        for (String line : log) {
            JsonNode node = JSON.readTree(line);
            if ("batch".equals(node.path("event").asText())) {
                return node;
            }
        }
        throw new AssertionError("no batch line in " + log);
    }

    @Test
    void acceptInsertsAndCountsTheUnmatchedKeys() throws Exception {
        Map<String, String> env = fixture.table("accepted", "user_id UInt64, name String, region String DEFAULT 'eu'");
        List<String> log = StdoutCapture.during(() -> fixture.handler(env).handleRequest(batch(), null));

        JsonNode line = batchLine(log);
        assertEquals(2, line.path("UnknownKeys").asInt(), line.toString());
        assertEquals(2, line.path("MissingColumns").asInt(), line.toString());
        assertEquals("[\"usr_id\"]", line.path("unknownKeys").toString());
        assertEquals("[\"user_id\"]", line.path("missingColumns").toString());
        assertTrue(line.path("_aws").toString().contains("\"UnknownKeys\""), "a CloudWatch metric: " + line);
        assertEquals(5, fixture.count("SELECT count() FROM DB.accepted"), "ACCEPT inserts them, with defaults");
        assertEquals(2, fixture.count("SELECT count() FROM DB.accepted WHERE user_id = 0"));
    }

    @Test
    void rejectSendsThemToTheErrorTableNamingTheKeys() throws Exception {
        Map<String, String> env = fixture.table("rejected", "user_id UInt64, name String, region String DEFAULT 'eu'");
        env.put("UNMATCHED_KEYS", "REJECT");
        IngestHandler handler = fixture.handler(env);
        List<String> log = StdoutCapture.during(() -> handler.handleRequest(batch(), null));
        handler.handleRequest(batch(), null);

        JsonNode line = batchLine(log);
        assertEquals(2, line.path("UnknownKeys").asInt(), "counted under REJECT too: " + line);
        assertEquals(2, line.path("RecordsFailed").asInt(), line.toString());
        assertEquals(List.of("1", "3", "5"), fixture.query("SELECT toString(user_id) FROM DB.rejected ORDER BY user_id")
                .stream().map(row -> row.getString(1)).toList());
        List<GenericRecord> errors = fixture.query(
                "SELECT sequence_number, raw_data, reason FROM DB.rejected_shardhouse_errors ORDER BY sequence_number");
        assertEquals(List.of("1001", "1003"), errors.stream().map(row -> row.getString(1)).toList(),
                "once each, even after a redelivery");
        assertEquals("{\"usr_id\":2,\"name\":\"n1\"}", errors.get(0).getString(2));
        assertTrue(errors.get(0).getString(3).contains("keys that name no column: `usr_id`; columns without a DEFAULT"
                + " that no key fills: `user_id`"), errors.get(0).getString(3));
    }
}
