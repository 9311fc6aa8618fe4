package dev.shardhouse.local.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shardhouse.dedup.Position;
import dev.shardhouse.local.demo.RecordKey;
import dev.shardhouse.local.demo.Verification;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChaosResultTest {

    @Test
    void theSummaryLineAddsUpEveryFaultAndCountsLostAndDuplicatedRecords() {
        RecordKey stored = new RecordKey(1, "shardId-000000000000", Position.of("1", 0));
        RecordKey twice = new RecordKey(1, "shardId-000000000000", Position.of("2", 0));
        RecordKey lost = new RecordKey(2, "shardId-000000000000", Position.of("3", 0));
        Verification verdict = Verification.of(Set.of(stored, twice, lost), Map.of(stored, 1, twice, 2), Map.of());
        ChaosResult result = new ChaosResult(Map.of(FaultKind.CLICKHOUSE_KILL, 3L, FaultKind.WHOLE_REDELIVERY, 30L,
                FaultKind.STREAM_RECREATED, 1L), 500, 40, 60, 0, Map.of(), 0, verdict, Duration.ofSeconds(90));

        assertEquals("chaos: records=3 faults=34 lost=1 duplicated=1", result.summaryLine());
    }
}
