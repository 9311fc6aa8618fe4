package dev.shardhouse.local.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the handler's {@code "event":"batch"} log line says about one batch: rows inserted and milliseconds per
 * stage. {@code checkpoint} is the exactly-once bookkeeping: the checkpoint read, the claim and the commit.
 */
record BatchLog(long inserted, double decode, double map, double insert, double checkpoint, double total) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws IllegalStateException if no batch line is among {@code lines} */
    static BatchLog find(List<String> lines) {
        return first(lines).orElseThrow(() -> noBatchLine(lines));
    }

    /**
     * The batch line among {@code lines}, which another thread fills (under their lock, notifying it) as it reads a
     * process's output: a runtime process may answer its invocation before that thread has read the line it printed.
     *
     * @throws IllegalStateException if none came within {@code patience}
     */
    static BatchLog await(List<String> lines, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (lines) {
            for (Optional<BatchLog> log = first(lines); ; log = first(lines)) {
                long left = deadline - System.nanoTime();
                if (log.isPresent() || left <= 0) {
                    return log.orElseThrow(() -> noBatchLine(lines));
                }
                TimeUnit.NANOSECONDS.timedWait(lines, left);
            }
        }
    }

    private static Optional<BatchLog> first(List<String> lines) {
        for (String line : lines) {
            JsonNode node = parse(line);
            if (node != null && "batch".equals(node.path("event").asText())) {
                JsonNode millis = node.path("millis");
                return Optional.of(new BatchLog(node.path("RecordsInserted").asLong(), millis.path("decode").asDouble(),
                        millis.path("map").asDouble(), millis.path("insert").asDouble(),
                        millis.path("checkpoint").asDouble(), millis.path("total").asDouble()));
            }
        }
        return Optional.empty();
    }

    private static IllegalStateException noBatchLine(List<String> lines) {
        return new IllegalStateException("the handler logged no batch line; it printed: " + lines);
    }

    private static JsonNode parse(String line) {
        try {
            return line.startsWith("{") ? JSON.readTree(line) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
