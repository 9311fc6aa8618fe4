package dev.shardhouse.local.chaos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FunctionOutputTapTest {

    @Test
    void everyByteGoesOnAndEachCompleteLineGoesToTheListenerWhateverTheWritesLookLike() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> lines = new CopyOnWriteArrayList<>();
        FunctionOutputTap.Lines tap = new FunctionOutputTap.Lines(out, lines::add);
        byte[] text = "{\"a\":\"é\"}\nsecond\r\nthird, unfinished".getBytes(StandardCharsets.UTF_8);
        // The é's two bytes arrive in separate writes.
        tap.write(text, 0, 8);
        tap.write(text[8]);
        tap.write(text, 9, text.length - 9);

        assertEquals(List.of("{\"a\":\"é\"}", "second"), lines);
        assertArrayEquals(text, out.toByteArray());
    }

    @Test
    void whileInstalledWhatIsPrintedReachesThePreviousOutputAndTheListenerAndClosingPutsThePreviousBack() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream previous = new PrintStream(captured, true, StandardCharsets.UTF_8);
        List<String> lines = new CopyOnWriteArrayList<>();
        System.setOut(previous);
        try {
            try (FunctionOutputTap tap = FunctionOutputTap.install(lines::add)) {
                System.out.println("{\"event\":\"batch_failed\"}");
            }
            assertSame(previous, System.out);
        } finally {
            System.setOut(original);
        }

        assertEquals(List.of("{\"event\":\"batch_failed\"}"), lines);
        assertEquals("{\"event\":\"batch_failed\"}" + System.lineSeparator(), captured.toString(StandardCharsets.UTF_8));
    }
}
