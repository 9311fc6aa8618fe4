package dev.shardhouse.local.demo;

import dev.shardhouse.dedup.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * A producer's PutRecords calls: remembers where Kinesis placed every record it accepted and the data it carried,
 * which is what the verification checks against, and hands back the records it did not take, for the producer to put
 * again.
 */
public final class AcknowledgedPuts {

    private final KinesisClient kinesis;
    private final String stream;
    private final OptionalInt generation;
    private final IntFunction<PutRecordsRequestEntry> entry;
    private final ConcurrentMap<RecordKey, String> acknowledged = new ConcurrentHashMap<>();
    private final AtomicReference<String> lastError = new AtomicReference<>("");
    private final AtomicInteger unconfirmed = new AtomicInteger();

    /**
     * @param generation the stream's generation the records are keyed by, if the run recreates the stream
     * @param entry      the entry of the record of an id
     */
    public AcknowledgedPuts(KinesisClient kinesis, String stream, OptionalInt generation,
                            IntFunction<PutRecordsRequestEntry> entry) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.generation = generation;
        this.entry = entry;
    }

    /** Puts the records of these ids in one call; returns the ids Kinesis did not take. */
    public List<Integer> put(List<Integer> ids) {
        List<PutRecordsRequestEntry> entries = ids.stream().map(entry::apply).toList();
        List<PutRecordsResultEntry> results;
        try {
            results = kinesis.putRecords(r -> r.streamName(stream).records(entries)).records();
        } catch (SdkException e) {
            // Kinesis may have taken them before failing; any such record shows up as "stored but never produced".
            lastError.set("PutRecords: " + e.getMessage());
            unconfirmed.addAndGet(ids.size());
            return ids;
        }
        List<Integer> rejected = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            PutRecordsResultEntry result = results.get(i);
            if (result.errorCode() == null) {
                acknowledged.put(new RecordKey(generation, result.shardId(), Position.of(result.sequenceNumber(), 0)),
                        entries.get(i).data().asUtf8String());
            } else {
                lastError.set("PutRecords entry: " + result.errorCode() + " " + result.errorMessage());
                rejected.add(ids.get(i));
            }
        }
        return rejected;
    }

    public Set<RecordKey> acknowledged() {
        return Set.copyOf(acknowledged.keySet());
    }

    /** The data of every record Kinesis accepted, as the producer put it (UTF-8). */
    public Map<RecordKey, String> acknowledgedData() {
        return Map.copyOf(acknowledged);
    }

    public int acknowledgedCount() {
        return acknowledged.size();
    }

    /**
     * Records of calls that failed without an answer: each may be in the stream as well as put again, so a reader may
     * find up to this many more records than were acknowledged.
     */
    public int unconfirmedCount() {
        return unconfirmed.get();
    }

    public String lastError() {
        return lastError.get();
    }
}
