package dev.shardhouse.map;

import static dev.shardhouse.map.Records.column;
import static dev.shardhouse.map.Records.failure;
import static dev.shardhouse.map.Records.record;
import static dev.shardhouse.map.Records.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** CSV and TSV records: one field per payload column, in table order; metadata columns are not fields. */
class RowMapperDelimitedTest {

    private static final TableSchema SCHEMA = Records.schema(
            column("id", "UInt32"),
            column("name", "String"),
            column("_shard_id", "String"),
            column("note", "Nullable(String)"),
            column("amount", "Decimal(9, 2)"),
            column("tags", "Array(UInt8)"));

    private static final String SHARD = "00 " + Hex.of(Hex.shortString(Records.SHARD));

    private final RowMapper csv = new RowMapper(SCHEMA, RecordFormat.CSV);
    private final RowMapper tsv = new RowMapper(SCHEMA, RecordFormat.TSV);

    @Test
    void csvFieldsFillPayloadColumnsInOrder() {
        assertEquals(String.join(" ",
                        "00 01 00 00 00",                                 // id 1
                        "00 08 53 6d 69 74 68 2c 20 4a",                  // name "Smith, J"
                        SHARD,                                            // _shard_id from the record
                        "00 01",                                          // note \N: NULL
                        "00 e2 04 00 00",                                 // amount 12.50 = 1250
                        "00 02 01 02"),                                   // tags [1,2] (JSON text)
                row(csv, record("1,\"Smith, J\",\\N,12.50,\"[1,2]\"\n")));
    }

    @Test
    void emptyFieldIsEmptyTextOrTheDefault() {
        assertEquals(String.join(" ",
                        "00 02 00 00 00",
                        "00 00",        // name: empty string
                        SHARD,
                        "00 00 00",     // note: value, not null, empty string
                        "01",           // amount: default
                        "01"),          // tags: default
                row(csv, record("2,,,,")));
    }

    @Test
    void nullMarkerInNonNullableColumnTakesTheDefault() {
        assertEquals(String.join(" ",
                        "01",                   // id \N: default
                        "00 01 61",             // name "a"
                        SHARD,
                        "00 00 01 62",          // note "b": value, not null, "b"
                        "00 64 00 00 00",       // amount 1.00 = 100
                        "00 00"),               // tags []
                row(csv, record("\\N,a,b,1,[]")));
    }

    @Test
    void fieldCountMustMatchThePayloadColumns() {
        assertEquals("expected 5 fields, got 2", failure(csv, record("1,a")));
        assertEquals("expected 5 fields, got 6", failure(tsv, record("1\ta\tb\t1\t[]\textra")));
    }

    @Test
    void malformedCsvAndBadValuesAreFailures() {
        assertEquals("CSV field 2: quoted field has no closing quote", failure(csv, record("1,\"a")));
        assertEquals("column `id` (UInt32): expected an integer for UInt32, got 'x'", failure(csv, record("x,a,b,1,[]")));
        assertEquals("column `amount` (Decimal(9, 2)): '0.125' has more than 2 decimal places for Decimal(9, 2)",
                failure(csv, record("1,a,b,0.125,[]")));
        assertEquals("column `tags` (Array(UInt8)): 256 is out of range for UInt8", failure(csv, record("1,a,b,1,\"[256]\"")));
    }

    @Test
    void tsvFieldsAreUnescaped() {
        assertEquals(String.join(" ",
                        "00 03 00 00 00",
                        "00 0a 4f 27 42 72 69 65 6e 09 4a 72",   // name "O'Brien<TAB>Jr"
                        SHARD,
                        "00 01",                                 // note NULL
                        "00 ce ff ff ff",                        // amount -0.50 = -50
                        "00 00"),                                // tags []
                row(tsv, record("3\tO\\'Brien\\tJr\t\\N\t-0.5\t[]\n")));
    }

    @Test
    void invalidUtf8IsAFailure() {
        byte[] data = {'1', '\t', (byte) 0xC3, '\t', 'b', '\t', '1', '\t', '[', ']'};
        assertEquals("not valid UTF-8: invalid byte sequence at byte 2", failure(tsv, record(data)));
    }
}
