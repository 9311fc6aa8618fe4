package dev.shardhouse.local.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.dedup.Position;
import dev.shardhouse.local.demo.RecordKey;
import dev.shardhouse.local.demo.Verification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChaosResultTest {

    @Test
    void theSummaryLineAddsUpEveryFaultAndCountsLostDuplicatedAndWrongRowsOfBothPipelines() {
        RecordKey stored = new RecordKey(1, "shardId-000000000000", Position.of("1", 0));
        RecordKey twice = new RecordKey(1, "shardId-000000000000", Position.of("2", 0));
        RecordKey lost = new RecordKey(2, "shardId-000000000000", Position.of("3", 0));
        Set<RecordKey> produced = Set.of(stored, twice, lost);
        ChaosResult.Pipeline changed = new ChaosResult.Pipeline("events",
                Verification.of(produced, Map.of(stored, 1, twice, 2), Map.of()), new ValueCheck(2, 1, List.of()), Map.of());
        ChaosResult.Pipeline second = new ChaosResult.Pipeline("events_second",
                Verification.of(produced, Map.of(stored, 1, twice, 1), Map.of()), new ValueCheck(0, 0, List.of()), Map.of());
        ChaosResult result = new ChaosResult(Map.of(FaultKind.CLICKHOUSE_KILL, 3L, FaultKind.WHOLE_REDELIVERY, 30L,
                FaultKind.STREAM_RECREATED, 1L), 500, 40, 60, 0, 0, 2, 1, List.of(), List.of(changed, second),
                Duration.ofSeconds(90));

        assertEquals("chaos: records=3 faults=34 lost=2 duplicated=1 wrong_value=2 operator_actions=0",
                result.summaryLine());
    }

    @Test
    void aWrongValueAloneFailsTheRun() {
        RecordKey stored = new RecordKey(1, "shardId-000000000000", Position.of("1", 0));
        ChaosResult.Pipeline pipeline = new ChaosResult.Pipeline("events",
                Verification.of(Set.of(stored), Map.of(stored, 1), Map.of()), new ValueCheck(1, 0, List.of()), Map.of());
        ChaosResult result = new ChaosResult(Map.of(), 1, 0, 0, 0, 0, 0, 0, List.of(), List.of(pipeline),
                Duration.ofSeconds(1));

        assertFalse(result.passed());
    }

    @Test
    void whatTheOperatorDidIsInTheFiguresAndCountedAtTheEndOfTheSummaryLineWithoutFailingTheRun() {
        RecordKey stored = new RecordKey(1, "shardId-000000000013", Position.of("1", 0));
        ChaosResult.Pipeline pipeline = new ChaosResult.Pipeline("events",
                Verification.of(Set.of(stored), Map.of(stored, 1), Map.of()), new ValueCheck(0, 0, List.of()), Map.of());
        OperatorAction action = new OperatorAction("events", Instant.parse("2025-01-01T00:05:12Z"),
                Duration.ofMillis(312_400), "shardId-000000000013", 3);
        ChaosResult result = new ChaosResult(Map.of(), 1, 0, 0, 0, 0, 0, 1, List.of(action), List.of(pipeline),
                Duration.ofSeconds(1));

        assertTrue(result.figures().contains("  operator: constraint ok_is_set dropped on events at 2025-01-01T00:05:12Z"
                + " (312.4 s into the run) after shard shardId-000000000013 held 3 batches"), result.figures().toString());
        assertTrue(result.figures().contains("operator actions:        1"), result.figures().toString());
        assertEquals("chaos: records=1 faults=0 lost=0 duplicated=0 wrong_value=0 operator_actions=1",
                result.summaryLine());
        assertTrue(result.passed());
    }
}
