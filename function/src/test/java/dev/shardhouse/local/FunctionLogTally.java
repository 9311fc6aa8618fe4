package dev.shardhouse.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Receives the functions' log lines: keeps them all in a file and adds up the duplicates the ingest function
 * reports skipping in its JSON {@code batch} lines.
 */
final class FunctionLogTally implements Consumer<String>, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter file;
    private final AtomicLong duplicatesSkipped = new AtomicLong();

    FunctionLogTally(Path logFile) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            file = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the function log " + logFile, e);
        }
    }

    @Override
    public void accept(String line) {
        synchronized (file) {
            try {
                file.write(line);
                file.newLine();
                file.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the function log", e);
            }
        }
        if (line.startsWith("{")) {
            tally(line);
        }
    }

    long duplicatesSkipped() {
        return duplicatesSkipped.get();
    }

    @Override
    public void close() {
        synchronized (file) {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the function log", e);
            }
        }
    }

    private void tally(String line) {
        JsonNode event;
        try {
            event = JSON.readTree(line);
        } catch (IOException notJson) {
            return;
        }
        if (event.path("event").asText().equals("batch")) {
            duplicatesSkipped.addAndGet(event.path("DuplicatesSkipped").asLong());
        }
    }
}
