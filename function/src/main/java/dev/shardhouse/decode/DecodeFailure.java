package dev.shardhouse.decode;

import dev.shardhouse.dedup.Position;
import java.time.Instant;
import java.util.Objects;

/** A record that could not be decoded: its raw bytes and the reason go to the error table. */
public record DecodeFailure(Position position, String partitionKey, Instant approximateArrival, byte[] raw, String reason)
        implements Decoded {
    public DecodeFailure {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(approximateArrival, "approximateArrival");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(reason, "reason");
    }
}
