package dev.shardhouse.decode;

import dev.shardhouse.dedup.Position;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns one Kinesis record into its user records: splits KPL aggregates, inflates gzip payloads.
 *
 * <p>Bad data never throws and is never dropped: it comes back as a {@link DecodeFailure} with the raw bytes and
 * the reason, bound for the error table, so one bad record cannot block its shard. A bad aggregate fails whole,
 * at sub-sequence 0; a bad gzip payload inside a good aggregate fails alone, at its own position.
 *
 * <p>Pure and stateless apart from its limit, so one instance serves all threads. A plain record's data array is
 * passed on without copying, so callers must not modify the input bytes afterwards.
 */
public final class RecordDecoder {

    public static final int DEFAULT_MAX_INFLATED_BYTES = 64 * 1024 * 1024;

    private final GzipInflater gzip;

    public RecordDecoder() {
        this(DEFAULT_MAX_INFLATED_BYTES);
    }

    /** @param maxInflatedBytes the largest a gzip payload may inflate to, per user record */
    public RecordDecoder(int maxInflatedBytes) {
        this.gzip = new GzipInflater(maxInflatedBytes);
    }

    /**
     * Decodes one Kinesis record into its user records (one unless KPL-aggregated), failures included, in order.
     *
     * @throws IllegalArgumentException if the sequence number is not one: that is an infrastructure fault, not
     *     bad data, so it is not turned into a {@link DecodeFailure}
     */
    public List<Decoded> decode(KinesisRecordIn record) {
        Position position = Position.of(record.sequenceNumber(), 0);
        byte[] data = record.data();
        if (KplDeaggregator.isAggregated(data)) {
            return decodeAggregate(record, position);
        }
        return List.of(decodePayload(position, record.partitionKey(), record.approximateArrival(), data, 0,
                data.length));
    }

    private List<Decoded> decodeAggregate(KinesisRecordIn record, Position first) {
        byte[] data = record.data();
        List<KplDeaggregator.Slice> slices;
        try {
            slices = KplDeaggregator.deaggregate(data);
        } catch (DecodeException e) {
            return List.of(new DecodeFailure(first, record.partitionKey(), record.approximateArrival(), data,
                    "KPL aggregated record: " + e.getMessage()));
        }
        List<Decoded> decoded = new ArrayList<>(slices.size());
        for (int i = 0; i < slices.size(); i++) {
            KplDeaggregator.Slice slice = slices.get(i);
            Position position = i == 0 ? first : new Position(first.sequence(), i);
            decoded.add(decodePayload(position, slice.partitionKey(), record.approximateArrival(), data,
                    slice.offset(), slice.length()));
        }
        return decoded;
    }

    private Decoded decodePayload(Position position, String partitionKey, Instant arrival, byte[] data, int offset,
            int length) {
        if (!GzipInflater.isGzip(data, offset, length)) {
            return new UserRecord(position, partitionKey, arrival, slice(data, offset, length));
        }
        try {
            return new UserRecord(position, partitionKey, arrival, gzip.inflate(data, offset, length));
        } catch (DecodeException e) {
            return new DecodeFailure(position, partitionKey, arrival, slice(data, offset, length), e.getMessage());
        }
    }

    private static byte[] slice(byte[] data, int offset, int length) {
        return offset == 0 && length == data.length ? data : Arrays.copyOfRange(data, offset, length + offset);
    }
}
