package dev.shardhouse.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchLogTest {

    @Test
    void readsTheBatchLineAmongOtherOutput() {
        BatchLog log = BatchLog.find(List.of(
                "some library noise",
                "{\"event\":\"deduplication_warning\",\"problem\":\"x\"}",
                "{\"event\":\"batch\",\"Stream\":\"s\",\"RecordsInserted\":10000,"
                        + "\"millis\":{\"decode\":1.5,\"map\":20.25,\"insert\":150.0,\"checkpoint\":3.1,\"total\":175.0}}"));
        assertEquals(new BatchLog(10_000, 1.5, 20.25, 150.0, 3.1, 175.0), log);
    }

    /** The response of a runtime process can come before the thread reading its output has read the batch line. */
    @Test
    void waitsForABatchLineThatIsReadAfterTheResponse() throws Exception {
        List<String> lines = new ArrayList<>(List.of("{\"event\":\"init\"}"));
        Thread reader = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (lines) {
                lines.add("{\"event\":\"batch\",\"RecordsInserted\":7,\"millis\":{\"total\":2.0}}");
                lines.notifyAll();
            }
        });
        reader.start();

        assertEquals(7, BatchLog.await(lines, Duration.ofSeconds(30)).inserted());
        reader.join();
    }

    @Test
    void waitingEndsNamingWhatWasPrintedWhenNoBatchLineComes() {
        List<String> lines = new ArrayList<>(List.of("{\"event\":\"batch_failed\"}"));
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> BatchLog.await(lines, Duration.ofMillis(50)));
        assertEquals("the handler logged no batch line; it printed: [{\"event\":\"batch_failed\"}]", error.getMessage());
    }

    @Test
    void failsNamingWhatWasPrintedWhenThereIsNoBatchLine() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> BatchLog.find(List.of("{\"event\":\"batch_failed\"}")));
        assertEquals("the handler logged no batch line; it printed: [{\"event\":\"batch_failed\"}]", error.getMessage());
    }
}
