package dev.shardhouse.tracker;

import static dev.shardhouse.config.Identifier.qualified;

import com.clickhouse.client.api.insert.InsertSettings;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.clickhouse.ClickHouseSql;
import java.time.Instant;
import java.util.List;

/** Appends reshard events, each once (DDL and the reasoning in {@link TrackerTables#createEventsTable}). */
public final class ReshardEventStore {

    private final ClickHouseSql sql;
    private final String table;

    public ReshardEventStore(ClickHouseSql sql, String database, String table) {
        this.sql = sql;
        this.table = qualified(database, table);
    }

    public void append(StreamIdentity stream, List<ReshardEvent> events, Instant detectedAt) {
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
            String token = stream.streamArn() + "|" + stream.createdMillis() + "|" + event.key();
            JsonRows.insert(sql, table, List.of(json), new InsertSettings().setDeduplicationToken(token));
        }
    }
}
