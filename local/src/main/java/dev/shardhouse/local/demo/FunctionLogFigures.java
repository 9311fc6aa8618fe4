package dev.shardhouse.local.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;

/**
 * What the ingest function reported in its JSON log lines: its {@code batch} lines' metrics added up, and its
 * {@code batch_failed} lines counted. Other lines (the runtime's, the ClickHouse driver's warnings) count nothing.
 *
 * @param inserted          records inserted (a re-insert that ClickHouse deduplicated counts again)
 * @param duplicatesSkipped records found committed already and skipped
 * @param recovered         records of a pending claim inserted again by the next invocation (after a kill)
 * @param batchesFailed     invocations that failed a batch, so the mapping retried it
 * @param viewFailures      batches whose rows the target took while a materialized view on it failed
 */
public record FunctionLogFigures(long inserted, long duplicatesSkipped, long recovered, long batchesFailed,
                                 long viewFailures) {

    public static final FunctionLogFigures NONE = new FunctionLogFigures(0, 0, 0, 0, 0);

    private static final ObjectMapper JSON = new ObjectMapper();

    public static FunctionLogFigures of(Stream<String> lines) {
        return lines.map(FunctionLogFigures::of).reduce(NONE, FunctionLogFigures::plus);
    }

    /** What one log line adds. */
    public static FunctionLogFigures of(String line) {
        JsonNode event = parse(line);
        return event == null ? NONE : switch (event.path("event").asText()) {
            case "batch" -> new FunctionLogFigures(event.path("RecordsInserted").asLong(),
                    event.path("DuplicatesSkipped").asLong(), event.path("RecordsRecovered").asLong(), 0,
                    event.path("ViewFailures").asLong());
            case "batch_failed" -> new FunctionLogFigures(0, 0, 0, 1, 0);
            default -> NONE;
        };
    }

    public FunctionLogFigures plus(FunctionLogFigures other) {
        return new FunctionLogFigures(inserted + other.inserted, duplicatesSkipped + other.duplicatesSkipped,
                recovered + other.recovered, batchesFailed + other.batchesFailed, viewFailures + other.viewFailures);
    }

    /** The line as JSON, or null for a line that is not (the runtime's own, say): it counts nothing. */
    private static JsonNode parse(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
