package dev.shardhouse.local.mapping;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

/** Hand-made records for unit tests. */
public final class TestRecords {

    public static final EventSource SOURCE = EventSource.of("arn:aws:kinesis:us-east-1:000000000000:stream/local-unit", "us-east-1");
    public static final String SHARD = "shardId-000000000003";

    private TestRecords() {
    }

    public static Record record(String sequenceNumber, String partitionKey, String data, Instant arrival) {
        return Record.builder().sequenceNumber(sequenceNumber).partitionKey(partitionKey)
                .data(SdkBytes.fromUtf8String(data)).approximateArrivalTimestamp(arrival).build();
    }

    /** Records with sequence numbers first, first + 1, ... of {@link #SHARD}. */
    static List<BufferedRecord> batch(long first, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> BufferedRecord.of(SOURCE, SHARD, record(Long.toString(first + i), "pk",
                        "record " + (first + i), Instant.parse("2026-11-25T12:00:00Z"))))
                .toList();
    }
}
