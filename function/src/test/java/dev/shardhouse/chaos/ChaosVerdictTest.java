package dev.shardhouse.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChaosVerdictTest {

    private static final RecordKey A = new RecordKey(1, "shardId-000000000000", "100");
    private static final RecordKey B = new RecordKey(1, "shardId-000000000000", "200");
    private static final RecordKey C = new RecordKey(1, "shardId-000000000001", "100");
    /** Same shard id and sequence number as A, but of the recreated stream: a different record. */
    private static final RecordKey A_RECREATED = new RecordKey(2, "shardId-000000000000", "100");

    @Test
    void everyRecordOnceInEitherTablePasses() {
        ChaosVerdict verdict = ChaosVerdict.of(Set.of(A, B, C, A_RECREATED), Map.of(A, 1, B, 1, A_RECREATED, 1), Map.of(C, 1));

        assertTrue(verdict.passed());
        assertEquals(4, verdict.produced());
        assertEquals(3, verdict.inTable());
        assertEquals(1, verdict.inErrorTable());
        assertEquals(List.of(), verdict.details());
    }

    @Test
    void aRecordStoredNowhereIsLost() {
        ChaosVerdict verdict = ChaosVerdict.of(Set.of(A, B, A_RECREATED), Map.of(A, 1, B, 1), Map.of());

        assertFalse(verdict.passed());
        assertEquals(List.of(A_RECREATED), verdict.lost());
        assertEquals(List.of("1 lost (stored nowhere):", "  generation 2 shardId-000000000000:100"), verdict.details());
    }

    @Test
    void aRecordInBothTablesOrTwiceInOneIsDuplicated() {
        ChaosVerdict verdict = ChaosVerdict.of(Set.of(A, B, C), Map.of(A, 2, B, 1, C, 1), Map.of(B, 1));

        assertFalse(verdict.passed());
        assertEquals(List.of(
                "generation 1 shardId-000000000000:100 (2 rows in the table, 0 in the error table)",
                "generation 1 shardId-000000000000:200 (1 rows in the table, 1 in the error table)"), verdict.duplicated());
        assertEquals(List.of(), verdict.lost());
    }

    @Test
    void aStoredRecordNeverAcknowledgedIsListedApartAndDoesNotFailTheRun() {
        ChaosVerdict verdict = ChaosVerdict.of(Set.of(A), Map.of(A, 1, B, 1), Map.of());

        assertTrue(verdict.passed());
        assertEquals(List.of(B), verdict.unexpected());
    }
}
