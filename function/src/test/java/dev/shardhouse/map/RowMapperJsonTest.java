package dev.shardhouse.map;

import static dev.shardhouse.map.Records.column;
import static dev.shardhouse.map.Records.failure;
import static dev.shardhouse.map.Records.record;
import static dev.shardhouse.map.Records.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * JSON records into RowBinaryWithDefaults rows. Each column's bytes start with 00 (value follows) or 01 (use the
 * column's default); the expected rows are written out by hand, column by column.
 */
class RowMapperJsonTest {

    private final RowMapper mapper = new RowMapper(Records.schema(
            column("id", "UInt32"),
            column("name", "String"),
            column("score", "Nullable(Float64)"),
            column("tags", "Array(String)"),
            new Column("level", "UInt8", "DEFAULT")), RecordFormat.JSON);

    @Test
    void everyKeyPresent() {
        assertEquals(String.join(" ",
                        "00 07 00 00 00",                   // id 7
                        "00 03 41 6e 6e",                   // name "Ann"
                        "00 00 00 00 00 00 00 00 f8 3f",    // score: value, not null, 1.5
                        "00 01 01 61",                      // tags ["a"]
                        "00 00 02"),                        // level 2, sent Nullable: it has a DEFAULT
                row(mapper, record("{\"id\": 7, \"name\": \"Ann\", \"score\": 1.5, \"tags\": [\"a\"], \"level\": 2}")));
    }

    @Test
    void absentKeysTakeTheColumnDefault() {
        assertEquals("00 07 00 00 00 01 01 01 01", row(mapper, record("{\"id\": 7}")));
    }

    @Test
    void jsonNullIsNullWhenNullableAndTheDefaultOtherwise() {
        assertEquals("00 07 00 00 00 01 00 01 01 01",
                row(mapper, record("{\"id\": 7, \"name\": null, \"score\": null, \"level\": null}")));
    }

    @Test
    void enumWithoutDefaultClauseGetsItsSmallestElementWrittenOut() {
        RowMapper enums = new RowMapper(Records.schema(
                column("color", "Enum8('b' = 2, 'a' = -1)"),
                new Column("tone", "Enum8('soft' = 1, 'loud' = 2)", "DEFAULT"),
                column("maybe", "Nullable(Enum8('x' = 3))")), RecordFormat.JSON);
        // color: value follows, -1 ('a'); tone: its DEFAULT expression; maybe: default NULL
        assertEquals("00 ff 01 01", row(enums, record("{}")));
        assertEquals("00 ff 01 00 01", row(enums, record("{\"color\": null, \"maybe\": null}")));
    }

    @Test
    void unknownKeysAreIgnored() {
        assertEquals("00 07 00 00 00 01 01 01 01", row(mapper, record("{\"id\": 7, \"other\": {\"x\": [1]}}")));
    }

    @Test
    void keysMatchColumnNamesExactly() {
        assertEquals("01 01 01 01 01", row(mapper, record("{\"ID\": 7, \"Name\": \"x\"}")));
    }

    @Test
    void nestedObjectIntoStringColumnIsItsJsonText() {
        // {"k":[1]} is 9 bytes
        assertEquals("00 07 00 00 00 00 09 7b 22 6b 22 3a 5b 31 5d 7d 01 01 01",
                row(mapper, record("{\"id\": 7, \"name\": {\"k\": [1]}}")));
    }

    @Test
    void nulCharactersInStringsAreData() {
        assertEquals("00 07 00 00 00 00 03 61 00 62 01 01 01", row(mapper, record("{\"id\": 7, \"name\": \"a\\u0000b\"}")));
    }

    @Test
    void recordMustBeOneJsonObject() {
        assertEquals("expected a JSON object, got a JSON array", failure(mapper, record("[1, 2]")));
        assertEquals("expected a JSON object, got a JSON string", failure(mapper, record("\"x\"")));
        assertEquals("not valid JSON: no value", failure(mapper, record("")));
        assertTrue(failure(mapper, record("{\"id\": 7")).startsWith("not valid JSON: Unexpected end-of-input"));
        assertTrue(failure(mapper, record("{\"id\": 7} {}")).startsWith("not valid JSON: Trailing token"));
        assertTrue(failure(mapper, record("{\"id\": 7, \"id\": 8}")).startsWith("not valid JSON: Duplicate field 'id'"));
    }

    @Test
    void aNumberNoBigDecimalCanHoldRejectsTheRecordWhateverItsKey() {
        for (String json : new String[] {"{\"id\": 7, \"unknown\": 1e9999999999}", "{\"score\": 1e-9999999999}",
                "{\"name\": \"a\\n\", \"unknown\": 1e9999999999}"}) {
            String reason = failure(mapper, record(json));
            assertTrue(reason.startsWith("a JSON number beyond what can be read: "), json + ": " + reason);
        }
        assertEquals("00 07 00 00 00 01 01 01 01", // id 7; the other four columns take their defaults
                row(mapper, record("{\"id\": 7, \"unknown\": 1e999999999}")));
    }

    @Test
    void deeplyNestedJsonFailsCleanly() {
        String deep = "{\"name\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        String reason = failure(mapper, record(deep));
        assertTrue(reason.startsWith("not valid JSON: Document nesting depth (257) exceeds the maximum allowed (256"),
                reason);
    }

    @Test
    void invalidUtf8IsRejectedNotReplaced() {
        byte[] data = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xFF, '"', '}'};
        assertEquals("not valid UTF-8: invalid byte sequence at byte 9", failure(mapper, record(data)));
    }

    @Test
    void valueFailuresNameColumnTypeAndValue() {
        assertEquals("column `id` (UInt32): -1 is out of range for UInt32", failure(mapper, record("{\"id\": -1}")));
        assertEquals("column `id` (UInt32): expected an integer for UInt32, got 'abc'",
                failure(mapper, record("{\"id\": \"abc\"}")));
        assertEquals("column `tags` (Array(String)): expected a JSON array, got \"a\"",
                failure(mapper, record("{\"tags\": \"a\"}")));
        assertEquals("column `score` (Nullable(Float64)): expected a number for Float64, got {\"x\":1}",
                failure(mapper, record("{\"score\": {\"x\": 1}}")));
    }

    @Test
    void longOffendingValuesAreCut() {
        String reason = failure(mapper, record("{\"id\": \"" + "x".repeat(5000) + "\"}"));
        assertEquals("column `id` (UInt32): expected an integer for UInt32, got '" + "x".repeat(64) + "... (5000 chars)'",
                reason);
    }

    @Test
    void returnedRowsAreIndependentOfLaterRecords() {
        byte[] first = ((MappedRow) mapper.map(record("{\"id\": 1}"), Records.STREAM, Records.SHARD)).rowBinary();
        mapper.map(record("{\"id\": 2, \"name\": \"" + "y".repeat(10_000) + "\"}"), Records.STREAM, Records.SHARD);
        assertEquals("00 01 00 00 00 01 01 01 01", Hex.of(first));
    }

    @Test
    void oneMapperServesManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> rows = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int id = i % 100;
                rows.add(pool.submit(() -> row(mapper, record("{\"id\": " + id + ", \"name\": \"n" + id + "\"}"))));
            }
            for (int i = 0; i < 400; i++) {
                int id = i % 100;
                String name = Hex.of(("n" + id).getBytes());
                assertEquals(String.format("00 %02x 00 00 00 00 %02x %s 01 01 01", id, name.split(" ").length, name),
                        rows.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
