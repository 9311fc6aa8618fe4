package dev.shardhouse.tracker;

import static dev.shardhouse.config.Identifier.qualified;

import com.clickhouse.client.api.insert.InsertSettings;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.dedup.Sha256;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Appends reshard events, each once (DDL and the reasoning in {@link TrackerTables#createEventsTable}). */
public final class ReshardEventStore {

    private final ClickHouseSql sql;
    private final String table;

    public ReshardEventStore(ClickHouseSql sql, String database, String table) {
        this.sql = sql;
        this.table = qualified(database, table);
    }

    /**
     * One insert for all the events: one per event took 1,000 inserts, and made 1,000 parts, after a stream of 1,000
     * shards doubled ({@code bin/bench --tracker}). Each event is still recorded once: the insert skips the events of
     * the stream's incarnation already recorded (an earlier run that failed after this step finds the same changes
     * again), and its token, a digest of the event keys, covers two runs at once that found the same events, whose
     * inserts can both pass that check before either has landed.
     */
    public void append(StreamIdentity stream, List<ReshardEvent> events, Instant detectedAt) {
        if (events.isEmpty()) {
            return;
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (ReshardEvent event : events) {
            ObjectNode json = JsonRows.row()
                    .put("stream_arn", stream.streamArn())
                    .put("stream_created_ms", stream.createdMillis())
                    .put("event_key", event.key())
                    .put("event_type", event.type().storedName())
                    .put("open_shards_before", event.openShardsBefore())
                    .put("open_shards_after", event.openShardsAfter())
                    .put("detected_at", JsonRows.time(detectedAt));
            ArrayNode from = json.putArray("from_shards");
            event.fromShards().forEach(from::add);
            ArrayNode to = json.putArray("to_shards");
            event.toShards().forEach(to::add);
            rows.add(json);
        }
        String recorded = "SELECT event_key FROM " + table + " WHERE stream_arn = " + Identifier.literal(stream.streamArn())
                + " AND stream_created_ms = " + stream.createdMillis();
        String token = stream.streamArn() + "|" + stream.createdMillis() + "|"
                + Sha256.hex(events.stream().map(event -> event.key() + "\n").sorted().toList(), 16);
        JsonRows.insert(sql, table + " SELECT * FROM input() WHERE event_key NOT IN (" + recorded + ")", rows,
                new InsertSettings().setDeduplicationToken(token));
    }
}
