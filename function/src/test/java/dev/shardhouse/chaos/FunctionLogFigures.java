package dev.shardhouse.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;

/**
 * What the ingest function reported in its JSON log lines during a run: its {@code batch} lines' metrics added up,
 * and its {@code batch_failed} lines counted. Other lines (the ClickHouse driver's warnings) are skipped.
 *
 * @param inserted          records inserted (a re-insert that ClickHouse deduplicated counts again)
 * @param duplicatesSkipped records found committed already and skipped
 * @param recovered         records of a pending claim inserted again by the next invocation (after a kill)
 * @param batchesFailed     invocations that failed a batch, so the mapping retried it
 */
record FunctionLogFigures(long inserted, long duplicatesSkipped, long recovered, long batchesFailed) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static FunctionLogFigures of(Stream<String> lines) {
        long[] sums = new long[4];
        lines.filter(line -> line.startsWith("{\"event\":")).forEach(line -> {
            JsonNode event = parse(line);
            switch (event.path("event").asText()) {
                case "batch" -> {
                    sums[0] += event.path("RecordsInserted").asLong();
                    sums[1] += event.path("DuplicatesSkipped").asLong();
                    sums[2] += event.path("RecordsRecovered").asLong();
                }
                case "batch_failed" -> sums[3]++;
                default -> {
                }
            }
        });
        return new FunctionLogFigures(sums[0], sums[1], sums[2], sums[3]);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON log line: " + line, e);
        }
    }
}
