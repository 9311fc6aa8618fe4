package dev.shardhouse.map;

import dev.shardhouse.decode.UserRecord;
import dev.shardhouse.dedup.Position;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Test fixtures: user records, schemas and mapping shortcuts. */
final class Records {

    static final String STREAM = "orders";
    static final String SHARD = "shardId-000000000001";
    static final Instant ARRIVAL = Instant.parse("2024-01-15T10:30:00.123Z");

    private Records() {
    }

    static UserRecord record(String data) {
        return record(data.getBytes(StandardCharsets.UTF_8));
    }

    static UserRecord record(byte[] data) {
        return new UserRecord(Position.of("49590338271490256608559692538361571095921575989136588898", 3), "pk-1",
                ARRIVAL, data);
    }

    static TableSchema schema(Column... columns) {
        return TableSchema.of("db", "events", List.of(columns));
    }

    static Column column(String name, String type) {
        return new Column(name, type, "");
    }

    /** The row bytes as hex; fails the test with the reason when the record was rejected. */
    static String row(RowMapper mapper, UserRecord record) {
        MapResult result = mapper.map(record, STREAM, SHARD);
        if (result instanceof MappingFailure failure) {
            throw new AssertionError("record was rejected: " + failure.reason());
        }
        return Hex.of(((MappedRow) result).rowBinary());
    }

    /** The failure reason; fails the test when the record was mapped. */
    static String failure(RowMapper mapper, UserRecord record) {
        MapResult result = mapper.map(record, STREAM, SHARD);
        if (result instanceof MappedRow) {
            throw new AssertionError("record should have been rejected");
        }
        return ((MappingFailure) result).reason();
    }
}
