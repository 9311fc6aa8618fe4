package dev.shardhouse.local.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** Receives the functions' log lines: keeps them all in a file and adds up the {@link FunctionLogFigures} they report. */
final class FunctionLogTally implements Consumer<String>, AutoCloseable {

    private final BufferedWriter file;
    private final AtomicReference<FunctionLogFigures> figures = new AtomicReference<>(FunctionLogFigures.NONE);

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
        figures.accumulateAndGet(FunctionLogFigures.of(line), FunctionLogFigures::plus);
    }

    FunctionLogFigures figures() {
        return figures.get();
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
}
