package dev.shardhouse.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.dedup.Position;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerificationTest {

    private static final RecordKey A = new RecordKey("shardId-000000000000", Position.of("100", 0));
    private static final RecordKey B = new RecordKey("shardId-000000000000", Position.of("99", 0));
    private static final RecordKey C = new RecordKey("shardId-000000000001", Position.of("5", 0));
    private static final RecordKey STRAY = new RecordKey("shardId-000000000002", Position.of("7", 0));

    private static final RecordKey FIRST_A = new RecordKey(1, "shardId-000000000000", Position.of("100", 0));
    private static final RecordKey FIRST_B = new RecordKey(1, "shardId-000000000000", Position.of("200", 0));
    private static final RecordKey FIRST_C = new RecordKey(1, "shardId-000000000001", Position.of("100", 0));
    /** Same shard id and sequence number as FIRST_A, but of the recreated stream: a different record. */
    private static final RecordKey RECREATED_A = new RecordKey(2, "shardId-000000000000", Position.of("100", 0));

    @Test
    void everyRecordOnceInEitherTablePasses() {
        Verification verification = Verification.of(Set.of(A, B, C), Map.of(A, 1, C, 1), Map.of(B, 1));

        assertTrue(verification.passed());
        assertEquals(List.of("PASSED: all 3 records produced are stored exactly once, nothing else is stored"),
                verification.describe());
    }

    @Test
    void missingDuplicatedAndUnexpectedRecordsAreEachListedInStreamOrder() {
        Verification verification = Verification.of(Set.of(A, B, C), Map.of(A, 2, C, 1, STRAY, 1), Map.of(C, 1));

        assertFalse(verification.passed());
        assertEquals(List.of("FAILED: 3 records produced, 3 distinct records stored",
                "  1 missing (stored nowhere):",
                "    shardId-000000000000:99.0",
                "  2 duplicated:",
                "    shardId-000000000000:100.0 (2 in the table, 0 in the error table)",
                "    shardId-000000000001:5.0 (1 in the table, 1 in the error table)",
                "  1 stored but never produced:",
                "    shardId-000000000002:7.0"), verification.describe());
    }

    @Test
    void recordsOfARecreatedStreamAreToldApartByGeneration() {
        Verification verification = Verification.of(Set.of(FIRST_A, FIRST_B, FIRST_C, RECREATED_A),
                Map.of(FIRST_A, 1, FIRST_B, 1, RECREATED_A, 1), Map.of(FIRST_C, 1));

        assertTrue(verification.passed());
        assertEquals(4, verification.produced());
        assertEquals(3, verification.inTable());
        assertEquals(1, verification.inErrorTable());
        assertEquals(List.of(), verification.discrepancies());
    }

    @Test
    void aRecordOfTheRecreatedStreamStoredNowhereIsMissingThoughItsTwinOfTheFirstIsStored() {
        Verification verification = Verification.of(Set.of(FIRST_A, FIRST_B, RECREATED_A),
                Map.of(FIRST_A, 1, FIRST_B, 1), Map.of());

        assertFalse(verification.exactlyOnce());
        assertEquals(List.of(RECREATED_A), verification.missing());
        assertEquals(List.of("  1 missing (stored nowhere):", "    generation 2 shardId-000000000000:100.0"),
                verification.discrepancies());
    }

    @Test
    void aRecordInBothTablesOrTwiceInOneIsDuplicated() {
        Verification verification = Verification.of(Set.of(FIRST_A, FIRST_B, FIRST_C),
                Map.of(FIRST_A, 2, FIRST_B, 1, FIRST_C, 1), Map.of(FIRST_B, 1));

        assertFalse(verification.exactlyOnce());
        assertEquals(List.of(
                "generation 1 shardId-000000000000:100.0 (2 in the table, 0 in the error table)",
                "generation 1 shardId-000000000000:200.0 (1 in the table, 1 in the error table)"),
                verification.duplicated());
        assertEquals(List.of(), verification.missing());
    }

    @Test
    void aStoredRecordNeverProducedIsListedApartAndIsNoBreachOfExactlyOnce() {
        Verification verification = Verification.of(Set.of(FIRST_A), Map.of(FIRST_A, 1, FIRST_B, 1), Map.of());

        assertTrue(verification.exactlyOnce());
        assertFalse(verification.passed());
        assertEquals(List.of(FIRST_B), verification.unexpected());
        assertEquals(2, verification.stored());
    }
}
