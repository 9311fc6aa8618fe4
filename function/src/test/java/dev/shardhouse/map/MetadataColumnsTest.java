package dev.shardhouse.map;

import static dev.shardhouse.map.Records.column;
import static dev.shardhouse.map.Records.failure;
import static dev.shardhouse.map.Records.record;
import static dev.shardhouse.map.Records.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shardhouse.decode.UserRecord;
import dev.shardhouse.dedup.Position;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Metadata columns come from the Kinesis record, wherever they sit in the table, never from the payload. */
class MetadataColumnsTest {

    private static final TableSchema SCHEMA = Records.schema(
            column("_timestamp", "DateTime64(3)"),
            column("id", "UInt8"),
            column("_stream", "String"),
            column("_shard_id", "LowCardinality(String)"),
            column("_sequence_number", "String"),
            column("_sub_sequence_number", "UInt32"),
            column("_partition_key", "String"),
            column("_raw_message", "String"));

    private static String value(String text) {
        return "00 " + Hex.of(Hex.shortString(text));
    }

    @Test
    void everyMetadataColumnIsFilledFromTheRecord() {
        String data = "{\"id\": 1, \"_stream\": \"forged\", \"_partition_key\": \"forged\"}";
        assertEquals(String.join(" ",
                        "00 bb c4 ab 0c 8d 01 00 00",   // _timestamp: 2024-01-15T10:30:00.123Z = 1705314600123 ms
                        "00 01",                        // id
                        value("orders"),
                        value("shardId-000000000001"),
                        value("49590338271490256608559692538361571095921575989136588898"),
                        "00 03 00 00 00",               // _sub_sequence_number
                        value("pk-1"),
                        value(data)),                   // _raw_message: the record's bytes as-is
                row(new RowMapper(SCHEMA, RecordFormat.JSON), record(data)));
    }

    @Test
    void metadataColumnsAreNotCsvFields() {
        String data = "5";
        assertEquals(String.join(" ",
                        "00 bb c4 ab 0c 8d 01 00 00",
                        "00 05",
                        value("orders"),
                        value("shardId-000000000001"),
                        value("49590338271490256608559692538361571095921575989136588898"),
                        "00 03 00 00 00",
                        value("pk-1"),
                        value(data)),
                row(new RowMapper(SCHEMA, RecordFormat.CSV), record(data)));
    }

    @Test
    void dateTimeTimestampDropsTheMilliseconds() {
        TableSchema schema = Records.schema(column("id", "UInt8"), column("_timestamp", "DateTime"));
        assertEquals("00 01 00 28 09 a5 65", row(new RowMapper(schema, RecordFormat.JSON), record("{\"id\": 1}")));
    }

    @Test
    void subSequenceNumberMustFitItsColumn() {
        TableSchema schema = Records.schema(column("_sub_sequence_number", "UInt8"));
        UserRecord record = new UserRecord(Position.of("1", 300), "pk", Records.ARRIVAL,
                "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals("column `_sub_sequence_number` (UInt8): 300 is out of range for UInt8",
                failure(new RowMapper(schema, RecordFormat.JSON), record));
    }
}
