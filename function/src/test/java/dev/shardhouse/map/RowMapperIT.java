package dev.shardhouse.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.ConfigException;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.decode.UserRecord;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.testing.LocalServices;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mapped rows against the real ClickHouse: a table with every supported type, metadata columns, a DEFAULT and a
 * MATERIALIZED column; JSON, CSV and TSV records mapped, inserted as RowBinaryWithDefaults, read back as text.
 */
class RowMapperIT {

    private static final String DATABASE = "map_it";
    private static final String TABLE = "all_types";
    private static final Instant ARRIVAL = Instant.parse("2024-01-15T10:30:00.123Z");

    private static Client client;

    @BeforeAll
    static void createTable() throws Exception {
        client = LocalServices.clickHouse("default");
        execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        execute("DROP TABLE IF EXISTS " + Identifier.qualified(DATABASE, TABLE));
        execute("CREATE TABLE " + Identifier.qualified(DATABASE, TABLE) + " ("
                + "id UInt32, s String, doubled UInt64 MATERIALIZED id * 2, fs FixedString(4), "
                + "i8 Int8, u8 UInt8, i16 Int16, u16 UInt16, i32 Int32, u32 UInt32, i64 Int64, u64 UInt64, "
                + "i128 Int128, u128 UInt128, i256 Int256, u256 UInt256, f32 Float32, f64 Float64, "
                + "dec Decimal(18, 4), dec32 Decimal32(2), dec256 Decimal256(10), flag Bool, _shard_id String, "
                + "day Date, day32 Date32, t DateTime, t_tokyo DateTime('Asia/Tokyo'), t64 DateTime64(3), "
                + "t64_ny DateTime64(6, 'America/New_York'), uid UUID, ip4 IPv4, ip6 IPv6, "
                + "color Enum8('red' = 1, 'green' = 2), size Enum16('small' = -1000, 'large' = 1000), "
                + "tone Enum8('soft' = 1, 'loud' = 2) DEFAULT 'loud', "
                + "n Nullable(Int32), lc LowCardinality(String), lcn LowCardinality(Nullable(String)), "
                + "arr Array(Nullable(String)), grid Array(Array(UInt8)), counts Map(String, UInt64), "
                + "with_default String DEFAULT concat('default-', toString(id)), "
                + "_stream String, _sequence_number String, _sub_sequence_number UInt64, _partition_key String, "
                + "_timestamp DateTime64(3), _raw_message String"
                + ") ENGINE = MergeTree ORDER BY id");
    }

    @AfterAll
    static void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    private static void execute(String sql) throws Exception {
        client.execute(sql).get(30, TimeUnit.SECONDS).close();
    }

    private static UserRecord record(long subSequence, String data) {
        return new UserRecord(Position.of("49590338271490256608559692538361571095921575989136588898", subSequence),
                "pk-" + subSequence, ARRIVAL, data.getBytes(StandardCharsets.UTF_8));
    }

    private static final String FULL_JSON = "{\"id\":1,\"s\":\"hello, world\",\"fs\":\"ab\",\"i8\":-128,\"u8\":255,"
            + "\"i16\":-32768,\"u16\":65535,\"i32\":-2147483648,\"u32\":4294967295,\"i64\":-9223372036854775808,"
            + "\"u64\":18446744073709551615,\"i128\":-170141183460469231731687303715884105728,"
            + "\"u128\":\"340282366920938463463374607431768211455\","
            + "\"i256\":-57896044618658097711785492504343953926634992332820282019728792003956564819968,"
            + "\"u256\":\"115792089237316195423570985008687907853269984665640564039457584007913129639935\","
            + "\"f32\":1.5,\"f64\":0.1,\"dec\":12345678901234.5678,\"dec32\":-1.5,"
            + "\"dec256\":\"123456789012345678901234567890.0123456789\",\"flag\":true,\"day\":\"2024-01-15\","
            + "\"day32\":\"1900-01-01\",\"t\":\"2024-01-15T10:30:00Z\",\"t_tokyo\":\"2024-01-15 19:30:00\","
            + "\"t64\":1705314600123,\"t64_ny\":\"2024-01-15T10:30:00.123456Z\","
            + "\"uid\":\"61f0c404-5cb3-11e7-907b-a6006ad3dba0\",\"ip4\":\"192.168.0.1\",\"ip6\":\"2001:db8::1\","
            + "\"color\":\"green\",\"size\":-1000,\"n\":null,\"lc\":\"low\",\"lcn\":\"lcn\",\"arr\":[\"x\",null],"
            + "\"grid\":[[1],[2,3]],\"counts\":{\"a\":1,\"b\":2},\"with_default\":\"given\",\"unknown\":\"x\","
            + "\"_stream\":\"forged\",\"doubled\":99}";

    private static final String MINIMAL_JSON = "{\"id\":2}";

    private static final String CSV = "3,\"quoted, \"\"text\"\"\",abcd,1,2,3,4,5,6,7,8,9,10,11,12,-0.25,1e-3,"
            + "0.0001,99.99,-1,0,2149-06-06,2299-12-31,1705314600,2024-01-15T10:30:00+09:00,"
            + "2024-01-15 10:30:00.5,1705314600.000001,00000000-0000-0000-0000-000000000001,0.0.0.0,::ffff:1.2.3.4,"
            + "1,large,soft,\\N,,\\N,\"[null,\"\"y\"\"]\",\"[[]]\",\"{\"\"k\"\":7}\",\n";

    private static final String TSV = "4\ttab\\there\\nnew line\t\t-1\t0\t-1\t0\t-1\t0\t-1\t0\t-1\t0\t-1\t0\t"
            + "inf\tnan\t-0.5\t0\t0\tfalse\t1970-01-01\t1969-12-31\t0\t1970-01-01 09:00:00\t0\t-1\t"
            + "ffffffff-ffff-ffff-ffff-ffffffffffff\t255.255.255.255\tffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\t"
            + "red\tsmall\t\t-7\t\\\\N\tlcn\t[]\t[[1,2],[3]]\t{}\t\\N\n";

    @Test
    void rowsOfEveryFormatInsertAndReadBackExactly() throws Exception {
        TableSchema schema = new TargetTable(new ClickHouseSql(client), DATABASE, TABLE, RecordFormat.JSON).current().schema();
        assertFalse(schema.quotedColumnNames().contains("`doubled`"), "MATERIALIZED columns are not inserted");

        ByteArrayOutputStream body = new ByteArrayOutputStream();
        RowMapper json = new RowMapper(schema, RecordFormat.JSON);
        body.writeBytes(mapped(json.map(record(0, FULL_JSON), "orders", "shardId-000000000001")));
        body.writeBytes(mapped(json.map(record(1, MINIMAL_JSON), "orders", "shardId-000000000001")));
        body.writeBytes(mapped(new RowMapper(schema, RecordFormat.CSV).map(record(2, CSV), "orders", "shardId-2")));
        body.writeBytes(mapped(new RowMapper(schema, RecordFormat.TSV).map(record(3, TSV), "orders", "shardId-3")));

        RowLayout layout = schema.layout(Optional.empty());
        new ClickHouseSql(client).insertFromInput(Identifier.qualified(DATABASE, TABLE), layout, "",
                out -> out.write(body.toByteArray()), new InsertSettings());

        List<List<String>> rows = readBack();
        assertEquals(4, rows.size());
        String sequence = "49590338271490256608559692538361571095921575989136588898";
        assertEquals(List.of(
                "1", "hello, world", "2", "ab\\0\\0",                  // id, s, doubled (MATERIALIZED id * 2), fs
                "-128", "255", "-32768", "65535", "-2147483648", "4294967295", "-9223372036854775808",
                "18446744073709551615", "-170141183460469231731687303715884105728",
                "340282366920938463463374607431768211455",
                "-57896044618658097711785492504343953926634992332820282019728792003956564819968",
                "115792089237316195423570985008687907853269984665640564039457584007913129639935",
                "1.5", "0.1", "12345678901234.5678", "-1.5", "123456789012345678901234567890.0123456789", "true",
                "shardId-000000000001",                                 // _shard_id
                "2024-01-15", "1900-01-01", "2024-01-15 10:30:00", "2024-01-15 19:30:00", "2024-01-15 10:30:00.123",
                "2024-01-15 05:30:00.123456", "61f0c404-5cb3-11e7-907b-a6006ad3dba0", "192.168.0.1", "2001:db8::1",
                "green", "small", "loud",                               // color, size, tone (its DEFAULT)
                "\\N", "low", "lcn", "['x',NULL]", "[[1],[2,3]]", "{'a':1,'b':2}", "given",
                "orders", sequence, "0", "pk-0", "2024-01-15 10:30:00.123", FULL_JSON), rows.get(0));
        assertEquals(List.of(
                "2", "", "4", "\\0\\0\\0\\0",
                "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0",
                "0", "0", "0", "0", "0", "false",
                "shardId-000000000001",
                "1970-01-01", "1970-01-01", "1970-01-01 00:00:00", "1970-01-01 09:00:00", "1970-01-01 00:00:00.000",
                "1969-12-31 19:00:00.000000", "00000000-0000-0000-0000-000000000000", "0.0.0.0", "::",
                "red", "small", "loud",                                 // Enum defaults: the smallest element
                "\\N", "", "\\N", "[]", "[]", "{}", "default-2",          // with_default from its expression
                "orders", sequence, "1", "pk-1", "2024-01-15 10:30:00.123", MINIMAL_JSON),
                rows.get(1), "absent keys take the column defaults");
        assertEquals(List.of(
                "3", "quoted, \"text\"", "6", "abcd",
                "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
                "-0.25", "0.001", "0.0001", "99.99", "-1", "false",
                "shardId-2",
                "2149-06-06", "2299-12-31", "2024-01-15 10:30:00", "2024-01-15 10:30:00", "2024-01-15 10:30:00.500",
                "2024-01-15 05:30:00.000001", "00000000-0000-0000-0000-000000000001", "0.0.0.0", "::ffff:1.2.3.4",
                "red", "large", "soft",
                "\\N", "", "\\N", "[NULL,'y']", "[[]]", "{'k':7}", "",      // an empty String field is '', not the default
                "orders", sequence, "2", "pk-2", "2024-01-15 10:30:00.123", tsvEscaped(CSV)), rows.get(2));
        assertEquals(List.of(
                "4", "tab\\there\\nnew line", "8", "\\0\\0\\0\\0",
                "-1", "0", "-1", "0", "-1", "0", "-1", "0", "-1", "0", "-1", "0",
                "inf", "nan", "-0.5", "0", "0", "false",
                "shardId-3",
                "1970-01-01", "1969-12-31", "1970-01-01 00:00:00", "1970-01-01 09:00:00", "1970-01-01 00:00:00.000",
                "1969-12-31 18:59:59.000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "255.255.255.255",
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "red", "small", "loud",
                "-7", "\\\\N", "lcn", "[]", "[[1,2],[3]]", "{}", "default-4",     // lc is the text \N, escaped
                "orders", sequence, "3", "pk-3", "2024-01-15 10:30:00.123", tsvEscaped(TSV)), rows.get(3));
    }

    @Test
    void missingTableIsAConfigurationError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new TargetTable(new ClickHouseSql(client), DATABASE, "no_such_table", RecordFormat.JSON).current());
        assertEquals("TARGET_TABLE: table `map_it`.`no_such_table` does not exist", e.getMessage());
    }

    /** How TabSeparated output shows a string: backslash, tab and line feed escaped. */
    private static String tsvEscaped(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    /**
     * Rows travel in the types they were mapped for, through {@code input()}, which knows no DEFAULT expressions:
     * a record without a key must still get the column's DEFAULT, including one computed from another DEFAULT and
     * one of a LowCardinality column, as ClickHouse's own JSONEachRow gives it. The exception, a rule of README's
     * "Changing the table": a column that cannot be Nullable (Array, Map, Tuple) or already is gets its type's default
     * ([] or NULL), not its DEFAULT expression.
     */
    @Test
    void aMissingKeyTakesTheColumnsDefaultExpression() throws Exception {
        String table = Identifier.qualified(DATABASE, "defaults");
        execute("DROP TABLE IF EXISTS " + table);
        execute("CREATE TABLE " + table + " (id UInt32, b UInt32 DEFAULT 5, a UInt32 DEFAULT b + 1,"
                + " lc LowCardinality(String) DEFAULT 'L', s String DEFAULT concat('d', toString(id)),"
                + " arr Array(UInt8) DEFAULT [9]) ENGINE = MergeTree ORDER BY id");
        TableSchema schema = new TargetTable(new ClickHouseSql(client), DATABASE, "defaults", RecordFormat.JSON)
                .current().schema();
        RowMapper json = new RowMapper(schema, RecordFormat.JSON);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(mapped(json.map(record(0, "{\"id\":1}"), "orders", "shardId-1")));
        body.writeBytes(mapped(json.map(record(1, "{\"id\":2,\"b\":7,\"lc\":\"x\",\"s\":\"y\",\"arr\":[1]}"),
                "orders", "shardId-1")));
        body.writeBytes(mapped(json.map(record(2, "{\"id\":3,\"b\":null,\"a\":null}"), "orders", "shardId-1")));
        RowLayout layout = schema.layout(Optional.empty());

        new ClickHouseSql(client).insertFromInput(table, layout, "", out -> out.write(body.toByteArray()),
                new InsertSettings());

        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.TabSeparated);
        try (QueryResponse response = client.query("SELECT * FROM " + table + " ORDER BY id", settings)
                .get(30, TimeUnit.SECONDS)) {
            assertEquals(List.of("1\t5\t6\tL\td1\t[]", "2\t7\t8\tx\ty\t[1]", "3\t5\t6\tL\td3\t[]"),
                    new String(response.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
    }

    private static byte[] mapped(MapResult result) {
        if (result instanceof MappingFailure failure) {
            throw new AssertionError("record was rejected: " + failure.reason());
        }
        return assertInstanceOf(MappedRow.class, result).rowBinary();
    }

    /** Every column, MATERIALIZED included, in table order, as TabSeparated fields (escapes kept). */
    private static List<List<String>> readBack() throws Exception {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.TabSeparated);
        String sql = "SELECT *, doubled FROM " + Identifier.qualified(DATABASE, TABLE) + " ORDER BY id";
        try (QueryResponse response = client.query(sql, settings).get(30, TimeUnit.SECONDS)) {
            String text = new String(response.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().map(line -> moveDoubledToThirdField(Arrays.asList(line.split("\t", -1)))).toList();
        }
    }

    /** {@code SELECT *} leaves out MATERIALIZED columns; the query appends it, the table has it third. */
    private static List<String> moveDoubledToThirdField(List<String> fields) {
        List<String> ordered = new java.util.ArrayList<>(fields.subList(0, fields.size() - 1));
        ordered.add(2, fields.get(fields.size() - 1));
        return ordered;
    }
}
