package dev.shardhouse.decode;

import java.time.Instant;
import java.util.Objects;

/** One Kinesis record as the event source mapping delivered it, before any decoding. */
public record KinesisRecordIn(String sequenceNumber, String partitionKey, Instant approximateArrival, byte[] data) {
    public KinesisRecordIn {
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(data, "data");
        partitionKey = partitionKey == null ? "" : partitionKey;
        approximateArrival = approximateArrival == null ? Instant.EPOCH : approximateArrival;
    }
}
