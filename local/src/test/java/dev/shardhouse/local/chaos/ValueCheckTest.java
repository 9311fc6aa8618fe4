package dev.shardhouse.local.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shardhouse.dedup.Position;
import dev.shardhouse.local.chaos.ValueCheck.StoredRow;
import dev.shardhouse.local.demo.RecordKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueCheckTest {

    private static final List<String> COLUMNS = List.of("id", "amount", "ok", "added");
    private static final RecordKey PLAIN = key("1");
    private static final RecordKey REFUSED = key("2");
    private static final RecordKey WITH_ADDED = key("3");
    // Produced before the constraint and the added column, after both, and after the column only.
    private static final Map<RecordKey, String> PRODUCED = Map.of(
            PLAIN, ChaosRecords.json(1, 10, false, false),
            REFUSED, ChaosRecords.json(1, 137, true, true),
            WITH_ADDED, ChaosRecords.json(1, 20, true, false));

    @Test
    void rowsHoldingTheirRecordsValuesInTheRightTableAreRight() {
        ValueCheck check = ValueCheck.of(PRODUCED,
                List.of(row(PLAIN, "10", "655370", "1", "0"), row(WITH_ADDED, "20", "1310740", "1", "60")),
                List.of(new StoredRow(REFUSED, Map.of("raw_data", PRODUCED.get(REFUSED)))), COLUMNS, true);

        assertEquals(new ValueCheck(0, 0, List.of()), check);
    }

    @Test
    void aWrongValueADefaultWhereTheRecordHadOneAndAMisroutedRecordAreEachAWrongRow() {
        ValueCheck check = ValueCheck.of(PRODUCED,
                List.of(row(PLAIN, "10", "1.4e-44", "1", "0"), row(WITH_ADDED, "20", "1310740", "1", "0"),
                        row(REFUSED, "137", "8978569", "0", "411")),
                List.of(new StoredRow(PLAIN, Map.of("raw_data", PRODUCED.get(PLAIN)))), COLUMNS, true);

        assertEquals(4, check.wrongValues());
        assertEquals(2, check.misrouted());
    }

    @Test
    void withoutTheConstraintARefusableRecordBelongsInTheTable() {
        ValueCheck check = ValueCheck.of(PRODUCED, List.of(row(REFUSED, "137", "8978569", "0", "411")), List.of(),
                COLUMNS, false);

        assertEquals(0, check.wrongValues());
    }

    private static StoredRow row(RecordKey key, String id, String amount, String ok, String added) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("amount", amount);
        values.put("ok", ok);
        values.put("added", added);
        return new StoredRow(key, values);
    }

    private static RecordKey key(String sequence) {
        return new RecordKey(1, "shardId-000000000000", Position.of(sequence, 0));
    }
}
