package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.decode.DecodeFailure;
import dev.shardhouse.decode.Decoded;
import dev.shardhouse.decode.UserRecord;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.dedup.Routing;
import dev.shardhouse.insert.ErrorRow;
import dev.shardhouse.insert.TargetRow;
import dev.shardhouse.map.Column;
import dev.shardhouse.map.RecordFormat;
import dev.shardhouse.map.RowMapper;
import dev.shardhouse.map.TableSchema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ClaimRowsTest {

    private static final Instant ARRIVAL = Instant.parse("2026-11-25T10:00:00Z");
    private static final RowMapper UINT32 = mapper("UInt32");
    private static final RowMapper STRING = mapper("String");

    private final List<Decoded> records = List.of(
            user(1, "{\"id\": 1}"),
            new DecodeFailure(Position.of("2", 0), "pk", ARRIVAL, new byte[] {(byte) 0x1f}, "not gzip"),
            user(3, "{\"id\": \"three\"}"),
            user(4, "{\"id\": 4}"));

    private static RowMapper mapper(String type) {
        return new RowMapper(TableSchema.of("db", "events", List.of(new Column("id", type, ""))), RecordFormat.JSON);
    }

    @Test
    void rowsComeInRecordOrderAndFailuresGoToErrorsWithTheirOrdinals() {
        ClaimRows rows = ClaimRows.map(records, UINT32::map, "orders", "shardId-000000000000");

        assertEquals(List.of(0, 3), rows.target().stream().map(TargetRow::ordinal).toList());
        assertArrayEquals(new byte[] {0, 1, 0, 0, 0}, rows.target().get(0).rowBinary());
        assertArrayEquals(new byte[] {0, 4, 0, 0, 0}, rows.target().get(1).rowBinary());
        assertEquals(List.of(Position.of("2", 0), Position.of("3", 0)),
                rows.errors().stream().map(ErrorRow::position).toList());
        assertEquals("not gzip", rows.errors().get(0).reason());
        assertEquals(List.of(1, 2), List.copyOf(rows.routing().errors().keySet()));
        assertEquals("not gzip", rows.routing().reason(1).orElseThrow());
    }

    @Test
    void aRecordTheMapperFailsOnGoesToTheErrorsWithTheFault() {
        ClaimRows rows = ClaimRows.map(records, (record, stream, shard) -> {
            if (record.position().equals(Position.of("4", 0))) {
                throw new ArithmeticException("overflow");
            }
            return UINT32.map(record, stream, shard);
        }, "orders", "shardId-000000000000");

        assertEquals(List.of(0), rows.target().stream().map(TargetRow::ordinal).toList());
        assertEquals("cannot map the record: java.lang.ArithmeticException: overflow", rows.errors().get(2).reason());
    }

    @Test
    void aReplayRoutesAsTheClaimSaysEvenWhenTheRecordMapsNow() {
        Routing claimed = ClaimRows.map(records, UINT32::map, "orders", "s").routing();

        // The column became a String: record 3 maps now, but the attempt sent it to the error table.
        ClaimRows replayed = ClaimRows.replay(records, 0, claimed, STRING::map, "orders", "s");

        assertEquals(List.of(0, 3), replayed.target().stream().map(TargetRow::ordinal).toList());
        assertEquals(List.of(Position.of("2", 0), Position.of("3", 0)),
                replayed.errors().stream().map(ErrorRow::position).toList());
        assertEquals(claimed.reason(2).orElseThrow(), replayed.errors().get(1).reason());
    }

    @Test
    void aReplayOfARecordThatWentToTheTargetButNoLongerMapsFailsLoudly() {
        Routing claimed = ClaimRows.map(records, STRING::map, "orders", "s").routing();

        ReplayMismatchException e = assertThrows(ReplayMismatchException.class,
                () -> ClaimRows.replay(records, 0, claimed, UINT32::map, "orders", "s"));
        assertTrue(e.getMessage().contains("record 3.0"), e.getMessage());
    }

    @Test
    void aReplayOfAClaimWhoseStartExpiredCountsOrdinalsFromTheSurvivors() {
        Routing claimed = new Routing(new TreeMap<>(Map.of(3, "refused by a CHECK")));

        ClaimRows replayed = ClaimRows.replay(records.subList(2, 4), 2, claimed.with(Map.of(2, "")), UINT32::map,
                "orders", "s");

        assertTrue(replayed.target().isEmpty());
        assertEquals(List.of("cannot be mapped", "refused by a CHECK"),
                replayed.errors().stream().map(error -> error.reason().contains("three") ? "cannot be mapped"
                        : error.reason()).toList());
    }

    @Test
    void refusedRowsMoveToTheErrorsWithTheirReason() {
        ClaimRows rows = ClaimRows.map(records, UINT32::map, "orders", "s").refusing(Map.of(3, "CHECK v < 4"));

        assertEquals(List.of(0), rows.target().stream().map(TargetRow::ordinal).toList());
        assertEquals("CHECK v < 4", rows.routing().reason(3).orElseThrow());
        assertEquals(3, rows.errors().size());
    }

    private static UserRecord user(int sequence, String json) {
        return new UserRecord(Position.of(String.valueOf(sequence), 0), "pk", ARRIVAL,
                json.getBytes(StandardCharsets.UTF_8));
    }
}
