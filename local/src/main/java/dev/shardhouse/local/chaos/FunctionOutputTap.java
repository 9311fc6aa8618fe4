package dev.shardhouse.local.chaos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The function's standard output, tapped. The function runs in this JVM and prints its log lines to
 * {@code System.out}, where Lambda's log agent would pick them up for CloudWatch; while the tap is installed,
 * everything printed still goes where it went before, and each complete line is also handed to a listener, as an
 * operator watching the function's log would see it. The listener is called on the printing thread, under the
 * stream's lock: it must be quick and must not throw (it would fail the function's invocation).
 */
final class FunctionOutputTap implements AutoCloseable {

    private final PrintStream previous;
    private final PrintStream tapped;

    private FunctionOutputTap(PrintStream previous, Consumer<String> listener) {
        this.previous = previous;
        this.tapped = new PrintStream(new Lines(previous, listener), true, StandardCharsets.UTF_8);
    }

    /** Taps {@code System.out} until {@link #close()}. */
    static FunctionOutputTap install(Consumer<String> listener) {
        FunctionOutputTap tap = new FunctionOutputTap(System.out, listener);
        System.setOut(tap.tapped);
        return tap;
    }

    /** Puts back the stream that was there before (the tapped one is left open: threads may still hold it). */
    @Override
    public void close() {
        tapped.flush();
        System.setOut(previous);
    }

    /** Passes every byte on to {@code out}, and each line, once its newline came, to the listener. */
    static final class Lines extends OutputStream {

        private final OutputStream out;
        private final Consumer<String> listener;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Lines(OutputStream out, Consumer<String> listener) {
            this.out = out;
            this.listener = listener;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            out.write(b);
            take((byte) b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            for (int i = offset; i < offset + length; i++) {
                take(bytes[i]);
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            out.flush();
        }

        private void take(byte b) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            // Decoded whole, so that a character split across writes comes out right.
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            listener.accept(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
        }
    }
}
