package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.clickhouse.client.api.query.GenericRecord;
import dev.shardhouse.testing.KinesisEvents;
import dev.shardhouse.testing.KplAggregator;
import dev.shardhouse.testing.TestStreams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Formats, compression, KPL aggregation and bad records, end to end through the handler into real tables. */
class RecordFormatsIT {

    private static final String SHARD = "shardId-000000000000";
    private static IngestFixture fixture;
    private static String streamArn;

    @BeforeAll
    static void createStream() {
        fixture = new IngestFixture("it_formats");
        streamArn = new TestStreams(fixture.kinesis).create("it-formats", 1);
    }

    private static Map<String, String> table(String name, String columns, String format) {
        Map<String, String> env = fixture.table(name, columns);
        env.put("RECORD_FORMAT", format);
        return env;
    }

    private static KinesisEvent event(byte[]... payloads) {
        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>();
        for (int i = 0; i < payloads.length; i++) {
            records.add(KinesisEvents.record(streamArn, SHARD, Long.toString(1000 + i), "pk-" + i, payloads[i],
                    1_700_000_000_000L + i));
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(records);
        return event;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> rows(String query) {
        return fixture.query(query).stream().map(row -> row.getString(1)).toList();
    }

    @Test
    void kplAggregatedUserRecordsLandOnceWithTheirSubSequenceNumbers() {
        Map<String, String> env = table("kpl", "id UInt32, _partition_key String, _sequence_number String,"
                + " _sub_sequence_number UInt64", "JSON");
        byte[] aggregate = KplAggregator.aggregate(List.of(
                Map.entry("alpha", utf8("{\"id\":1}")), Map.entry("beta", utf8("{\"id\":2}")),
                Map.entry("alpha", utf8("{\"id\":3}"))));
        IngestHandler handler = fixture.handler(env);
        handler.handleRequest(event(aggregate), null);
        handler.handleRequest(event(aggregate), null);

        assertEquals(List.of("1\talpha\t1000\t0", "2\tbeta\t1000\t1", "3\talpha\t1000\t2"), rows(
                "SELECT concat(toString(id), '\\t', _partition_key, '\\t', _sequence_number, '\\t',"
                        + " toString(_sub_sequence_number)) FROM DB.kpl ORDER BY id"));
    }

    @Test
    void gzipCsvAndTsvRecordsAreDecodedAndMappedByColumnOrder() throws IOException {
        Map<String, String> json = table("gz", "id UInt32, note String", "JSON");
        fixture.handler(json).handleRequest(event(gzip(utf8("{\"id\":7,\"note\":\"compressed\"}"))), null);
        assertEquals(List.of("7 compressed"), rows("SELECT concat(toString(id), ' ', note) FROM DB.gz"));

        Map<String, String> csv = table("csv", "id UInt32, note String, amount Float64", "CSV");
        fixture.handler(csv).handleRequest(event(utf8("1,\"a, quoted\",2.5"), utf8("2,plain,0")), null);
        assertEquals(List.of("1|a, quoted|2.5", "2|plain|0"),
                rows("SELECT concat(toString(id), '|', note, '|', toString(amount)) FROM DB.csv ORDER BY id"));

        Map<String, String> tsv = table("tsv", "id UInt32, note String", "TSV");
        fixture.handler(tsv).handleRequest(event(utf8("3\ttab\\tinside"), utf8("4\tline")), null);
        assertEquals(List.of("3|tab\tinside", "4|line"),
                rows("SELECT concat(toString(id), '|', note) FROM DB.tsv ORDER BY id"));
    }

    @Test
    void badRecordsGoToTheErrorTableWithRawBytesAndReasonAndNeverTwice() {
        Map<String, String> env = table("bad", "id UInt32, name String", "JSON");
        byte[] malformed = utf8("{\"id\": 1, \"name\": ");
        byte[] wrongType = utf8("{\"id\": \"not a number\", \"name\": \"x\"}");
        byte[] good = utf8("{\"id\": 3, \"name\": \"fine\"}");
        byte[] invalidUtf8 = {'{', '"', 'i', 'd', '"', ':', '4', ',', '"', 'n', 'a', 'm', 'e', '"', ':', '"',
                (byte) 0xC3, (byte) 0x28, '"', '}'};
        KinesisEvent batch = event(malformed, wrongType, good, invalidUtf8);
        IngestHandler handler = fixture.handler(env);
        handler.handleRequest(batch, null);
        handler.handleRequest(batch, null);

        assertEquals(List.of("3 fine"), rows("SELECT concat(toString(id), ' ', name) FROM DB.bad"));
        List<GenericRecord> errors = fixture.query("SELECT sequence_number, raw_data, reason FROM DB.bad_shardhouse_errors"
                + " ORDER BY sequence_number");
        assertEquals(3, errors.size(), "one error row per bad record, even after a redelivery");
        assertEquals(List.of("1000", "1001", "1003"), errors.stream().map(r -> r.getString(1)).toList());
        assertEquals(new String(malformed, StandardCharsets.UTF_8), errors.get(0).getString(2));
        assertTrue(errors.get(1).getString(3).contains("id"), "the reason names the column: " + errors.get(1).getString(3));
        assertEquals(3, fixture.count("SELECT count() FROM DB.bad_shardhouse_errors WHERE length(reason) > 0"));
        assertEquals(1, fixture.count("SELECT count() FROM DB.bad_shardhouse_errors"
                + " WHERE raw_data = unhex('" + hex(invalidUtf8) + "')"), "invalid UTF-8 is kept byte for byte");
    }

    @Test
    void rowsClickHouseRefusesAreIsolatedIntoTheErrorTableWithoutBlockingTheShard() {
        Map<String, String> env = table("checked", "id UInt32, CONSTRAINT small CHECK id < 1000", "JSON");
        byte[][] payloads = new byte[9][];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = utf8("{\"id\":" + (i == 2 || i == 6 ? 5000 + i : i) + "}");
        }
        KinesisEvent batch = event(payloads);
        IngestHandler handler = fixture.handler(env);
        handler.handleRequest(batch, null);
        handler.handleRequest(batch, null);

        assertEquals(List.of("0", "1", "3", "4", "5", "7", "8"), rows("SELECT toString(id) FROM DB.checked ORDER BY id"));
        List<GenericRecord> errors = fixture.query(
                "SELECT sequence_number, raw_data, reason FROM DB.checked_shardhouse_errors ORDER BY sequence_number");
        assertEquals(List.of("1002", "1006"), errors.stream().map(r -> r.getString(1)).toList());
        assertEquals("{\"id\":5002}", errors.get(0).getString(2));
        assertTrue(errors.get(0).getString(3).contains("VIOLATED_CONSTRAINT"), errors.get(0).getString(3));
    }

    /**
     * Tuple and JSON columns through the whole function: the insert carries the settings they need, and so does the dry
     * run that finds a row ClickHouse refuses (its probe table has a Nullable tuple, which needs one to be created).
     */
    @Test
    void nestedJsonLandsInTupleAndJsonColumnsAndARowClickHouseRefusesIsIsolated() {
        fixture.execute("DROP TABLE IF EXISTS DB.nested");
        fixture.execute("DROP TABLE IF EXISTS DB.nested_shardhouse_errors");
        fixture.execute("CREATE TABLE DB.nested (id UInt32, pair Tuple(a Int32, b String),"
                + " maybe Nullable(Tuple(UInt8, String)), doc JSON(n UInt8)) ENGINE = MergeTree ORDER BY tuple()"
                + " SETTINGS non_replicated_deduplication_window = 1000, enable_nullable_tuple_type = 1");
        Map<String, String> env = fixture.env("nested", IngestFixture.uniqueName("cp_nested"));
        KinesisEvent batch = event(
                utf8("{\"id\":1,\"pair\":{\"b\":\"x\",\"a\":1},\"maybe\":[2,\"y\"],\"doc\":{\"n\":3,\"k\":{\"s\":\"é\"}}}"),
                // the typed path n is UInt8: ClickHouse refuses the row
                utf8("{\"id\":2,\"pair\":{\"a\":2},\"doc\":{\"n\":\"many\"}}"),
                // a named tuple is an object, not an array: Shardhouse refuses the record
                utf8("{\"id\":3,\"pair\":[3,\"z\"]}"),
                utf8("{\"id\":4,\"pair\":{\"a\":4,\"c\":5},\"maybe\":null}"));
        IngestHandler handler = fixture.handler(env);
        handler.handleRequest(batch, null);
        handler.handleRequest(batch, null);

        assertEquals(List.of("1 (1,'x') (2,'y') {\"k\":{\"s\":\"é\"},\"n\":3}", "4 (4,'') \\N {\"n\":0}"),
                rows("SELECT concat(toString(id), ' ', toString(pair), ' ', ifNull(toString(maybe), '\\\\N'), ' ',"
                        + " toString(doc)) FROM DB.nested ORDER BY id"));
        List<GenericRecord> errors = fixture.query(
                "SELECT sequence_number, reason FROM DB.nested_shardhouse_errors ORDER BY sequence_number");
        assertEquals(List.of("1001", "1002"), errors.stream().map(r -> r.getString(1)).toList());
        assertTrue(errors.get(0).getString(2).contains("ClickHouse refused the row"), errors.get(0).getString(2));
        assertEquals("column `pair` (Tuple(a Int32, b String)): expected a JSON object, got [3,\"z\"]",
                errors.get(1).getString(2));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        }
        return out.toByteArray();
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02X", b));
        }
        return out.toString();
    }
}
