package dev.shardhouse.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Collects what code prints to stdout while it runs: the functions write their JSON log lines there (as Lambda
 * expects), which tests read and which would otherwise flood the benchmark's table.
 */
public final class StdoutCapture {

    private StdoutCapture() {
    }

    /** The lines {@code work} printed; if it throws, they are shown on stderr first, as they explain the failure. */
    public static List<String> during(Runnable work) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            System.err.print(buffer.toString(StandardCharsets.UTF_8));
            throw e;
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
