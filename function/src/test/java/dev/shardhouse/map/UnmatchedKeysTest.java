package dev.shardhouse.map;

import static dev.shardhouse.map.Records.column;
import static dev.shardhouse.map.Records.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 13: JSON keys that name no column and columns no key fills, counted, and refused under REJECT. */
class UnmatchedKeysTest {

    private static final TableSchema SCHEMA = TableSchema.of("db", "events", List.of(
            column("user_id", "UInt64"), column("name", "String"), column("note", "Nullable(String)"),
            new Column("region", "String", "DEFAULT"), column("_shard_id", "String")));

    private static MapResult map(UnmatchedKeysPolicy policy, String json) {
        return new RowMapper(SCHEMA, RecordFormat.JSON, policy).map(record(json), Records.STREAM, Records.SHARD);
    }

    @Test
    void aTypoShowsAsAnUnknownKeyAndAMissingColumn() {
        MapResult result = map(UnmatchedKeysPolicy.ACCEPT, "{\"usr_id\":7,\"name\":\"a\",\"note\":null}");
        assertInstanceOf(MappedRow.class, result, "ACCEPT inserts the record as before");
        assertEquals(new UnmatchedKeys(List.of("usr_id"), List.of("user_id")), result.unmatched());
    }

    @Test
    void nestedAndEscapedRecordsAreMatchedTheSameWay() {
        assertEquals(new UnmatchedKeys(List.of("usr_id", "extra"), List.of("user_id", "note")),
                map(UnmatchedKeysPolicy.ACCEPT, "{\"usr_id\":7,\"name\":\"tab\\there\",\"extra\":{\"a\":[1]}}")
                        .unmatched(), "the tree reader reports what the flat reader would");
    }

    @Test
    void columnsWithADefaultAndMetadataColumnsAreNeverMissing() {
        MapResult result = map(UnmatchedKeysPolicy.REJECT, "{\"user_id\":7,\"name\":\"a\",\"note\":\"n\"}");
        assertInstanceOf(MappedRow.class, result);
        assertEquals(UnmatchedKeys.NONE, result.unmatched());
    }

    @Test
    void rejectSendsTheRecordToTheErrorTableNamingKeysAndColumns() {
        MappingFailure failure = assertInstanceOf(MappingFailure.class,
                map(UnmatchedKeysPolicy.REJECT, "{\"usr_id\":7,\"name\":\"a\",\"Note\":\"n\"}"));
        assertEquals("the record's keys do not match the columns of `db`.`events` (UNMATCHED_KEYS=REJECT): keys that"
                + " name no column: `usr_id`, `Note`; columns without a DEFAULT that no key fills: `user_id`, `note`",
                failure.reason());
        assertEquals(List.of("usr_id", "Note"), failure.unmatched().unknownKeys());
    }

    @Test
    void rejectNamesOnlyWhatIsWrong() {
        MappingFailure failure = assertInstanceOf(MappingFailure.class,
                map(UnmatchedKeysPolicy.REJECT, "{\"user_id\":7,\"name\":\"a\"}"));
        assertEquals("the record's keys do not match the columns of `db`.`events` (UNMATCHED_KEYS=REJECT): columns"
                + " without a DEFAULT that no key fills: `note`", failure.reason());
    }

    @Test
    void delimitedRecordsHaveNoKeys() {
        TableSchema schema = Records.schema(column("id", "UInt8"), column("name", "String"));
        MapResult result = new RowMapper(schema, RecordFormat.CSV, UnmatchedKeysPolicy.REJECT)
                .map(record("1,a"), Records.STREAM, Records.SHARD);
        assertInstanceOf(MappedRow.class, result);
        assertEquals(UnmatchedKeys.NONE, result.unmatched());
    }
}
