package dev.shardhouse.tracker;

import static dev.shardhouse.config.Identifier.qualified;

import com.clickhouse.client.api.insert.InsertSettings;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.dedup.Sha256;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Appends reshard events, each once (DDL and the reasoning in {@link TrackerTables#createEventsTable}). */
public final class ReshardEventStore {

    /** The most events of one run inserted one by one, each under its own token. */
    static final int ONE_BY_ONE = 16;

    private final ClickHouseSql sql;
    private final String table;

    public ReshardEventStore(ClickHouseSql sql, String database, String table) {
        this.sql = sql;
        this.table = qualified(database, table);
    }

    /**
     * Records the events not recorded yet, each once: those of the stream's incarnation already recorded are left out
     * (an earlier run that failed after this step finds the same changes again), and every insert carries a token that
     * a repeat of it carries too, for two runs at once, which can both read before either has inserted. Up to
     * {@link #ONE_BY_ONE} events (the changes of ordinary resharding) go in one by one under a token each, which
     * ClickHouse deduplicates even between two runs at once that found different events. More (a mass reshard) go in
     * as one block under a token naming them all: one insert per event took 1,000 inserts, and made 1,000 parts,
     * after a stream of 1,000 shards doubled ({@code bin/bench --tracker}); two runs at once that found different
     * such sets could then record the events they share twice.
     */
    public void append(StreamIdentity stream, List<ReshardEvent> events, Instant detectedAt) {
        if (events.isEmpty()) {
            return;
        }
        Set<String> recorded = sql.query("SELECT event_key FROM " + table
                        + " WHERE stream_arn = {arn:String} AND stream_created_ms = {created:Int64}",
                        Map.of("arn", stream.streamArn(), "created", stream.createdMillis())).stream()
                .map(row -> row.getString("event_key")).collect(Collectors.toSet());
        List<ReshardEvent> unrecorded = events.stream().filter(event -> !recorded.contains(event.key())).toList();
        String incarnation = stream.streamArn() + "|" + stream.createdMillis() + "|";
        if (unrecorded.size() <= ONE_BY_ONE) {
            for (ReshardEvent event : unrecorded) {
                JsonRows.insert(sql, table, List.of(row(stream, event, detectedAt)),
                        new InsertSettings().setDeduplicationToken(incarnation + event.key()));
            }
            return;
        }
        String token = incarnation
                + Sha256.hex(unrecorded.stream().map(event -> event.key() + "\n").sorted().toList(), 16);
        JsonRows.insert(sql, table, unrecorded.stream().map(event -> row(stream, event, detectedAt)).toList(),
                new InsertSettings().setDeduplicationToken(token));
    }

    private static ObjectNode row(StreamIdentity stream, ReshardEvent event, Instant detectedAt) {
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
        return json;
    }
}
