package dev.shardhouse.local.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonRecordsHaveExactlyTheTargetSizeAndTheTableColumns() throws Exception {
        for (int size : List.of(200, 1024)) {
            byte[] record = SampleRecords.json(42, size);
            assertEquals(size, record.length);
            JsonNode node = JSON.readTree(record);
            assertEquals(List.of("event_id", "ts", "user_id", "event_type", "amount", "payload"), fieldNames(node));
            assertEquals("evt-000000000042", node.get("event_id").asText());
            assertEquals("2026-11-25 00:00:00.042", node.get("ts").asText());
        }
    }

    @Test
    void csvRowsHaveExactlyTheTargetSizeAndOneFieldPerColumn() {
        byte[] row = SampleRecords.csv(42, 200);
        assertEquals(200, row.length);
        String[] fields = new String(row, StandardCharsets.US_ASCII).split(",", -1);
        assertEquals(6, fields.length);
        assertEquals("evt-000000000042", fields[0]);
        assertEquals("2026-11-25 00:00:00.042", fields[1]);
    }

    @Test
    void theSameIdGivesTheSameBytesAndAnotherIdOthers() {
        assertArrayEquals(SampleRecords.json(7, 1024), SampleRecords.json(7, 1024));
        assertFalse(Arrays.equals(SampleRecords.json(7, 1024), SampleRecords.json(8, 1024)));
    }

    @Test
    void batchesCarryAscendingKinesisShapedSequenceNumbers() {
        Batch batch = Batch.generate(9, 3, 200);
        assertEquals(List.of("49" + "0".repeat(53) + "9", "49" + "0".repeat(52) + "10", "49" + "0".repeat(52) + "11"),
                batch.sequenceNumbers());
        assertEquals(600, batch.payloadBytes());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
