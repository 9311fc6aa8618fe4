package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shardhouse.decode.DecodeFailure;
import dev.shardhouse.decode.Decoded;
import dev.shardhouse.decode.UserRecord;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.insert.ErrorRow;
import dev.shardhouse.insert.TargetRow;
import dev.shardhouse.map.Column;
import dev.shardhouse.map.RecordFormat;
import dev.shardhouse.map.RowMapper;
import dev.shardhouse.map.TableSchema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MappedRowsTest {

    private static final Instant ARRIVAL = Instant.parse("2026-11-25T10:00:00Z");
    private static final RowMapper MAPPER = new RowMapper(
            TableSchema.of("db", "events", List.of(new Column("id", "UInt32", ""))), RecordFormat.JSON);

    private final List<Decoded> records = List.of(
            user(1, "{\"id\": 1}"),
            new DecodeFailure(Position.of("2", 0), "pk", ARRIVAL, new byte[] {(byte) 0x1f}, "not gzip"),
            user(3, "{\"id\": \"three\"}"),
            user(4, "{\"id\": 4}"));

    @Test
    void rowsComeInRecordOrderAndFailuresGoToErrors() {
        MappedRows rows = new MappedRows(records, MAPPER::map, "orders", "shardId-000000000000");

        TargetRow first = rows.next();
        TargetRow second = rows.next();

        assertEquals(Position.of("1", 0), first.position());
        assertArrayEquals(new byte[] {0, 1, 0, 0, 0}, first.rowBinary());
        assertEquals(Position.of("4", 0), second.position());
        assertArrayEquals(new byte[] {0, 4, 0, 0, 0}, second.rowBinary());
        assertNull(rows.next());
        assertEquals(List.of(Position.of("2", 0), Position.of("3", 0)),
                rows.errors().stream().map(ErrorRow::position).toList());
        assertEquals("not gzip", rows.errors().get(0).reason());
    }

    @Test
    void mappingAheadStopsWhenTheConditionFails() {
        MappedRows rows = new MappedRows(records, MAPPER::map, "orders", "shardId-000000000000");
        AtomicInteger asked = new AtomicInteger();

        rows.mapAheadWhile(() -> asked.incrementAndGet() <= 2);

        // records 1 and 2 are mapped (a row, a decode failure); record 3's mapping failure is not known yet
        assertEquals(List.of(Position.of("2", 0)), rows.errors().stream().map(ErrorRow::position).toList());
        assertEquals(Position.of("1", 0), rows.next().position());
        assertEquals(Position.of("4", 0), rows.next().position());
        assertEquals(2, rows.errors().size());
    }

    @Test
    void mappingAheadStopsAtTheLastRecord() {
        MappedRows rows = new MappedRows(records, MAPPER::map, "orders", "shardId-000000000000");

        rows.mapAheadWhile(() -> true);

        assertEquals(2, rows.errors().size());
        assertEquals(Position.of("1", 0), rows.next().position());
        assertEquals(Position.of("4", 0), rows.next().position());
        assertNull(rows.next());
    }

    @Test
    void aRecordTheMapperFailsOnGoesToTheErrorsWithTheFault() {
        MappedRows rows = new MappedRows(records, (record, stream, shard) -> {
            if (record.position().equals(Position.of("4", 0))) {
                throw new ArithmeticException("overflow");
            }
            return MAPPER.map(record, stream, shard);
        }, "orders", "shardId-000000000000");

        assertEquals(Position.of("1", 0), rows.next().position());
        assertNull(rows.next());
        assertEquals(List.of(Position.of("2", 0), Position.of("3", 0), Position.of("4", 0)),
                rows.errors().stream().map(ErrorRow::position).toList());
        assertEquals("cannot map the record: java.lang.ArithmeticException: overflow", rows.errors().get(2).reason());
    }

    private static UserRecord user(int sequence, String json) {
        return new UserRecord(Position.of(String.valueOf(sequence), 0), "pk", ARRIVAL,
                json.getBytes(StandardCharsets.UTF_8));
    }
}
