package dev.shardhouse.handler;

import dev.shardhouse.decode.KinesisRecordIn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An event's records grouped by stream and shard, each group in delivery order. */
final class ShardBatches {

    private final Map<ShardRef, List<KinesisRecordIn>> batches = new LinkedHashMap<>();

    /** @param eventId the record's {@code eventID}, {@code <shard id>:<sequence number>} */
    void add(String streamArn, String eventId, KinesisRecordIn record) {
        int colon = eventId.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("eventID '" + eventId + "' of record " + record.sequenceNumber()
                    + " is not <shard id>:<sequence number>");
        }
        batches.computeIfAbsent(new ShardRef(streamArn, eventId.substring(0, colon)), any -> new ArrayList<>()).add(record);
    }

    Map<ShardRef, List<KinesisRecordIn>> byShard() {
        return batches;
    }

    /** A shard of a stream: the unit that has one checkpoint. */
    record ShardRef(String streamArn, String shardId) {
    }
}
