package dev.shardhouse.local.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                List.of(new StoredRow(REFUSED, Map.of("raw_data", PRODUCED.get(REFUSED)))), COLUMNS, ConstraintHistory.ADDED);

        assertEquals(new ValueCheck(0, 0, List.of()), check);
    }

    @Test
    void aWrongValueADefaultWhereTheRecordHadOneAndAMisroutedRecordAreEachAWrongRow() {
        ValueCheck check = ValueCheck.of(PRODUCED,
                List.of(row(PLAIN, "10", "1.4e-44", "1", "0"), row(WITH_ADDED, "20", "1310740", "1", "0"),
                        row(REFUSED, "137", "8978569", "0", "411")),
                List.of(new StoredRow(PLAIN, Map.of("raw_data", PRODUCED.get(PLAIN)))), COLUMNS, ConstraintHistory.ADDED);

        assertEquals(4, check.wrongValues());
        assertEquals(2, check.misrouted());
    }

    @Test
    void withoutTheConstraintARefusableRecordBelongsInTheTable() {
        ValueCheck check = ValueCheck.of(PRODUCED, List.of(row(REFUSED, "137", "8978569", "0", "411")), List.of(),
                COLUMNS, ConstraintHistory.NEVER_ADDED);

        assertEquals(0, check.wrongValues());
    }

    @Test
    void whileTheConstraintIsKeptARefusableRecordInTheTableIsMisroutedEvenIfNoneOfItsShardIsInTheErrorTable() {
        ValueCheck check = ValueCheck.of(PRODUCED, List.of(row(REFUSED, "137", "8978569", "0", "411")), List.of(),
                COLUMNS, ConstraintHistory.ADDED);

        assertEquals(new ValueCheck(1, 1, check.examples()), check);
    }

    @Test
    void onceTheOperatorDroppedTheConstraintARefusableRecordMayBeInTheTable() {
        ValueCheck check = ValueCheck.of(PRODUCED, List.of(row(REFUSED, "137", "8978569", "0", "411")), List.of(),
                COLUMNS, ConstraintHistory.DROPPED_BY_OPERATOR);

        assertEquals(new ValueCheck(0, 0, List.of()), check);
    }

    @Test
    void onceDroppedRefusableRecordsOfAShardMayGoToTheErrorTableAndThenToTheTableButNotTheOtherWayRound() {
        RecordKey first = key("11");
        RecordKey second = key("12");
        RecordKey third = key("13");
        Map<RecordKey, String> produced = Map.of(first, ChaosRecords.json(1, 237, false, true),
                second, ChaosRecords.json(1, 337, false, true), third, ChaosRecords.json(1, 437, false, true));
        List<String> columns = List.of("id", "ok");

        ValueCheck inOrder = ValueCheck.of(produced,
                List.of(idAndOk(second, "337"), idAndOk(third, "437")),
                List.of(new StoredRow(first, Map.of("raw_data", produced.get(first)))),
                columns, ConstraintHistory.DROPPED_BY_OPERATOR);
        ValueCheck outOfOrder = ValueCheck.of(produced,
                List.of(idAndOk(first, "237"), idAndOk(third, "437")),
                List.of(new StoredRow(second, Map.of("raw_data", produced.get(second)))),
                columns, ConstraintHistory.DROPPED_BY_OPERATOR);

        assertEquals(new ValueCheck(0, 0, List.of()), inOrder);
        // The first record reached the table, so the constraint was gone when its batch ran: the second, after it on
        // the shard, cannot have been refused.
        assertEquals(1, outOfOrder.wrongValues());
        assertEquals(1, outOfOrder.misrouted());
        assertTrue(outOfOrder.examples().get(0).startsWith(first.toString()), outOfOrder.examples().toString());
    }

    @Test
    void onceDroppedEachShardAndEachGenerationOfTheStreamIsOrderedOnItsOwn() {
        RecordKey early = key("11");
        RecordKey laterOnOtherShard = new RecordKey(1, "shardId-000000000001", Position.of("12", 0));
        RecordKey laterOfRecreatedStream = new RecordKey(2, "shardId-000000000000", Position.of("12", 0));
        Map<RecordKey, String> produced = Map.of(early, ChaosRecords.json(1, 237, false, true),
                laterOnOtherShard, ChaosRecords.json(1, 337, false, true),
                laterOfRecreatedStream, ChaosRecords.json(2, 437, false, true));

        ValueCheck check = ValueCheck.of(produced, List.of(idAndOk(early, "237")),
                List.of(new StoredRow(laterOnOtherShard, Map.of("raw_data", produced.get(laterOnOtherShard))),
                        new StoredRow(laterOfRecreatedStream, Map.of("raw_data", produced.get(laterOfRecreatedStream)))),
                List.of("id", "ok"), ConstraintHistory.DROPPED_BY_OPERATOR);

        assertEquals(new ValueCheck(0, 0, List.of()), check);
    }

    @Test
    void onceDroppedARecordTheConstraintNeverRefusedStillBelongsInTheTableAndARefusableOneStillNeedsItsValues() {
        ValueCheck check = ValueCheck.of(PRODUCED, List.of(row(REFUSED, "137", "8978569", "1", "411")),
                List.of(new StoredRow(PLAIN, Map.of("raw_data", PRODUCED.get(PLAIN)))), COLUMNS,
                ConstraintHistory.DROPPED_BY_OPERATOR);

        assertEquals(2, check.wrongValues());
        assertEquals(1, check.misrouted());
    }

    private static StoredRow idAndOk(RecordKey key, String id) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("ok", "0");
        return new StoredRow(key, values);
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
