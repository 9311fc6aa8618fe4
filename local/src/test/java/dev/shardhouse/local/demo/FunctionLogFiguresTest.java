package dev.shardhouse.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FunctionLogFiguresTest {

    @Test
    void addsUpBatchMetricsAndCountsFailedBatchesAndViewFailuresSkippingOtherLines() {
        FunctionLogFigures figures = FunctionLogFigures.of(Stream.of(
                "{\"level\":\"INFO\",\"requestId\":\"r1\",\"event\":\"batch\",\"RecordsInserted\":65,\"DuplicatesSkipped\":0,\"RecordsRecovered\":0}",
                "[local-esm-5] WARN com.clickhouse.client.api.Client - Retrying.",
                "{\"event\":\"batch_failed\",\"BatchesFailed\":1,\"shard\":\"shardId-000000000001\"}",
                "{\"event\":\"batch\",\"RecordsInserted\":40,\"DuplicatesSkipped\":12,\"RecordsRecovered\":40,"
                        + "\"ViewFailures\":1,\"viewFailure\":\"Cannot parse string 'n/a' as UInt32\"}",
                "{\"event\":\"deduplication_warning\",\"problem\":\"x\"}"));

        assertEquals(new FunctionLogFigures(105, 12, 40, 1, 1), figures);
    }
}
