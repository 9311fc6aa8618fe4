package dev.shardhouse.map;

import static dev.shardhouse.map.Records.column;
import static dev.shardhouse.map.Records.failure;
import static dev.shardhouse.map.Records.record;
import static dev.shardhouse.map.Records.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shardhouse.config.ConfigException;
import org.junit.jupiter.api.Test;

/** RAW: the record, byte for byte, into the table's one String payload column. */
class RowMapperRawTest {

    @Test
    void wholeRecordGoesIntoTheStringColumnAndOtherPayloadColumnsTakeDefaults() {
        TableSchema schema = Records.schema(
                column("raw", "String"),
                new Column("length", "UInt64", "DEFAULT"),
                column("_shard_id", "String"));
        assertEquals(String.join(" ",
                        "00 07 68 c3 a9 6c 6c 6f 0a",   // "héllo\n", the line break included
                        "01",                           // length: default
                        "00 " + Hex.of(Hex.shortString(Records.SHARD))),
                row(new RowMapper(schema, RecordFormat.RAW), record("héllo\n")));
    }

    @Test
    void invalidUtf8IsAFailure() {
        RowMapper mapper = new RowMapper(Records.schema(column("raw", "LowCardinality(String)")), RecordFormat.RAW);
        assertEquals("not valid UTF-8: invalid byte sequence at byte 1", failure(mapper, record(new byte[] {'a', (byte) 0x80})));
    }

    @Test
    void schemaNeedsExactlyOneStringPayloadColumn() {
        ConfigException two = assertThrows(ConfigException.class, () -> new RowMapper(Records.schema(
                column("a", "String"), column("b", "String"), column("_stream", "String")), RecordFormat.RAW));
        assertEquals("RECORD_FORMAT: RAW needs exactly one String column (other than metadata columns) in "
                + "`db`.`events` to hold the record, found 2: [a, b]", two.getMessage());
        ConfigException none = assertThrows(ConfigException.class, () -> new RowMapper(Records.schema(
                column("n", "UInt8"), column("_raw_message", "String")), RecordFormat.RAW));
        assertEquals("RECORD_FORMAT: RAW needs exactly one String column (other than metadata columns) in "
                + "`db`.`events` to hold the record, found 0", none.getMessage());
    }
}
