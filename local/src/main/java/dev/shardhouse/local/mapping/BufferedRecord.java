package dev.shardhouse.local.mapping;

import java.math.BigInteger;
import java.time.Instant;
import software.amazon.awssdk.services.kinesis.model.Record;

/** A record read from a shard and not yet done with, with its entry of the Lambda event already encoded. */
public record BufferedRecord(String shardId, Record record, byte[] eventEntry) {

    public static BufferedRecord of(EventSource source, String shardId, Record record) {
        return new BufferedRecord(shardId, record, EventPayload.entry(source, shardId, record));
    }

    String sequenceNumber() {
        return record.sequenceNumber();
    }

    BigInteger sequence() {
        return new BigInteger(record.sequenceNumber());
    }

    Instant arrival() {
        return record.approximateArrivalTimestamp();
    }
}
