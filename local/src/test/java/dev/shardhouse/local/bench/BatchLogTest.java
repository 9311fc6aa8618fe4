package dev.shardhouse.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void failsNamingWhatWasPrintedWhenThereIsNoBatchLine() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> BatchLog.find(List.of("{\"event\":\"batch_failed\"}")));
        assertEquals("the handler logged no batch line; it printed: [{\"event\":\"batch_failed\"}]", error.getMessage());
    }
}
