package dev.shardhouse.map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What makes ClickHouse's verdict on a claim's rows depend on more than the rows and the table's definition. */
class TargetTableTest {

    @Test
    void aJsonColumnAnywhereInATypeIsParsedByTheServer() {
        for (String type : new String[] {"JSON", "JSON(max_dynamic_paths = 8, a.b UInt32)", "Array(JSON)",
                "Map(String, JSON)", "Tuple(a Int32, b JSON)", "Nullable(Tuple(x JSON))"}) {
            assertTrue(parsedByServer(type), type);
        }
        for (String type : new String[] {"String", "Tuple(json String)", "Map(String, Array(UInt8))",
                "LowCardinality(String)", "Enum8('JSONX' = 1)"}) {
            assertFalse(parsedByServer(type), type);
        }
    }

    private static boolean parsedByServer(String type) {
        return TableSchema.of("db", "t", List.of(new Column("c", type, ""))).parsedByServer();
    }

    @Test
    void checksOfTheClockAreNotDeterministicAndPlainOnesAre() {
        assertTrue(TargetTable.deterministicChecks("CREATE TABLE db.t (`v` UInt32, CONSTRAINT small CHECK v < 100)"
                + " ENGINE = MergeTree ORDER BY v"));
        assertFalse(TargetTable.deterministicChecks("CREATE TABLE db.t (`ts` DateTime, CONSTRAINT recent CHECK"
                + " ts > now() - 3600) ENGINE = MergeTree ORDER BY ts"));
    }

    /** A dictionary or a setting can change between two attempts as the clock does (adversarial review, 2026-12-03). */
    @Test
    void checksThatLookSomethingUpAreNotDeterministic() {
        for (String check : List.of("dictHas('db.known', id)", "dictGetOrDefault('db.d', 'v', id, 0) = 1",
                "dictIsIn('db.h', id, 1)", "hasColumnInTable('db', 't', 'c')", "getSetting('max_threads') > 1")) {
            assertFalse(TargetTable.deterministicChecks("CREATE TABLE db.t (`id` UInt64, CONSTRAINT c CHECK " + check
                    + ") ENGINE = MergeTree ORDER BY id"), check);
        }
    }
}
