package dev.shardhouse.local.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * What the handler's {@code "event":"batch"} log line says about one batch: rows inserted and milliseconds per
 * stage. {@code checkpoint} is the exactly-once bookkeeping: the checkpoint read, the claim and the commit.
 */
record BatchLog(long inserted, double decode, double map, double insert, double checkpoint, double total) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws IllegalStateException if no batch line is among {@code lines} */
    static BatchLog find(List<String> lines) {
        for (String line : lines) {
            JsonNode node = parse(line);
            if (node != null && "batch".equals(node.path("event").asText())) {
                JsonNode millis = node.path("millis");
                return new BatchLog(node.path("RecordsInserted").asLong(), millis.path("decode").asDouble(),
                        millis.path("map").asDouble(), millis.path("insert").asDouble(),
                        millis.path("checkpoint").asDouble(), millis.path("total").asDouble());
            }
        }
        throw new IllegalStateException("the handler logged no batch line; it printed: " + lines);
    }

    private static JsonNode parse(String line) {
        try {
            return line.startsWith("{") ? JSON.readTree(line) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
