package dev.shardhouse.decode;

import dev.shardhouse.dedup.Position;
import java.time.Instant;
import java.util.Objects;

/** One user record, decompressed and deaggregated, ready to be mapped to a row. */
public record UserRecord(Position position, String partitionKey, Instant approximateArrival, byte[] data)
        implements Decoded {
    public UserRecord {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(approximateArrival, "approximateArrival");
        Objects.requireNonNull(data, "data");
    }
}
