package dev.shardhouse.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DemoTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theEndSaysHowToSeeTheRowsTheErrorsAndHowToStopTheStack() {
        DemoOptions options = DemoOptions.parse(Map.of("CLICKHOUSE_URL", "http://127.0.0.1:58123",
                "KINESIS_ENDPOINT", "http://127.0.0.1:54568"), "--function-jar", "f.jar", "--stream", "local-demo-1");

        assertEquals(List.of(
                "the rows:        curl -s http://127.0.0.1:58123/ --data-binary 'SELECT id, key, _shard_id, _sequence_number,"
                        + " _timestamp FROM `local_demo`.`demo_events` WHERE _stream = '\\''local-demo-1'\\'' ORDER BY"
                        + " _timestamp LIMIT 10 FORMAT PrettyCompact'",
                "the error table: curl -s http://127.0.0.1:58123/ --data-binary 'SELECT shard_id, sequence_number, reason,"
                        + " raw_data FROM `local_demo`.`demo_events_shardhouse_errors` WHERE stream = '\\''local-demo-1'\\''"
                        + " ORDER BY failed_at FORMAT PrettyCompact'",
                "the local stack is still running: bin/local-stack stop stops it (start brings it back, data kept)"),
                Demo.whereToLook(options));
    }

    @Test
    void everyNthRecordIsBadInTurnAWrongTypeAndACutDocument() throws Exception {
        assertEquals(2, IntStream.range(0, 1000).filter(id -> !(valid(id, 500))).count());
        assertEquals("499 is not a number", JSON.readTree(DemoProducer.document(499, "k", 200, 500)).get("id").asText());
        assertThrows(JsonProcessingException.class, () -> JSON.readTree(DemoProducer.document(999, "k", 200, 500)));
        assertEquals(200, DemoProducer.document(3, "k", 200, 500).length());
        assertEquals(0, IntStream.range(0, 1000).filter(id -> !(valid(id, 0))).count(), "--bad-every 0: none");
    }

    private static boolean valid(int id, int badEvery) {
        try {
            return JSON.readTree(DemoProducer.document(id, "k", 200, badEvery)).get("id").isNumber();
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
