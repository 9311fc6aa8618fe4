package dev.shardhouse.tracker;

import static dev.shardhouse.config.Identifier.qualified;

import com.clickhouse.client.api.query.GenericRecord;
import dev.shardhouse.checkpoint.CheckpointTables;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.clickhouse.ClickHouseSql;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The tracker's side of the checkpoint store: reads a stream's rows and retires finished ones. */
public final class Checkpoints implements CheckpointRows {

    private final ClickHouseSql sql;
    private final String checkpoints;
    private final String archive;
    private final String keyPrefix;

    /** @param pipeline the pipeline whose checkpoints these are ({@link CheckpointTables#pipeline}) */
    public Checkpoints(ClickHouseSql sql, String database, String checkpointTable, String archiveTable,
                       String pipeline) {
        this.sql = sql;
        this.keyPrefix = CheckpointTables.keyPrefix(pipeline);
        this.checkpoints = qualified(database, checkpointTable);
        this.archive = qualified(database, archiveTable);
    }

    /**
     * Every checkpoint row of the ARN, of every incarnation, of this pipeline: another pipeline's rows of the same
     * shards follow another reading of the stream, which this tracker's rules know nothing of.
     */
    @Override
    public List<CheckpointRow> ofStream(String streamArn) {
        return sql.query("SELECT key, stream_arn, stream_created_ms, shard_id, state, revision, committed_sequence, updated_at"
                        + " FROM " + checkpoints + " WHERE stream_arn = {arn:String} AND startsWith(key, {prefix:String}) ORDER BY key",
                Map.of("arn", streamArn, "prefix", keyPrefix))
                .stream()
                .map(Checkpoints::toRow)
                .toList();
    }

    /**
     * Archives, then deletes, each row at the revision it was read at; returns how many are gone from the checkpoint
     * table afterwards.
     *
     * <p>The order matters: the ingest function, finding no row for a shard, takes the newest archived row of its
     * key as the position already delivered, so a row is deleted only once a copy of that very revision is archived.
     * Both statements match the revision read, so a row the ingest function moved on meanwhile is neither archived
     * nor deleted (in strict mode a concurrent move fails the delete, and with it the run; the next run reads
     * the row again). A (key, revision) is archived once. The insert skips one already archived, which covers a run
     * repeated after a crash between the two statements; and it carries {@code key|revision} as its deduplication
     * token, which covers two runs at once, whose inserts can both pass that check before either has landed (the
     * archive keeps the last 1000 tokens, see {@link CheckpointTables#createArchiveTable}).
     */
    @Override
    public int retire(List<Retirement> retirements, Instant archivedAt) {
        int gone = 0;
        for (Retirement retirement : retirements) {
            CheckpointRow row = retirement.row();
            Map<String, Object> parameters = Map.of(
                    "key", row.key(),
                    "revision", row.revision(),
                    "at", archivedAt.toEpochMilli(),
                    "reason", retirement.reason().storedText());
            // Both tables are built from the same column list (CheckpointTables), the archive's two extra columns
            // last, so SELECT * lines up with them.
            sql.execute("INSERT INTO " + archive
                    + " SELECT *, fromUnixTimestamp64Milli({at:Int64}, 'UTC'), {reason:String} FROM " + checkpoints
                    + " WHERE key = {key:String} AND revision = {revision:UInt64}"
                    + " AND (key, revision) NOT IN (SELECT key, revision FROM " + archive + " WHERE key = {key:String})",
                    parameters, Map.of("insert_deduplication_token", row.key() + "|" + row.revision()));
            sql.execute("ALTER TABLE " + checkpoints + " DELETE WHERE key = {key:String} AND revision = {revision:UInt64}",
                    parameters, CheckpointTables.WRITE_SETTINGS);
            if (sql.query("SELECT 1 FROM " + checkpoints + " WHERE key = {key:String}", Map.of("key", row.key())).isEmpty()) {
                gone++;
            }
        }
        return gone;
    }

    private static CheckpointRow toRow(GenericRecord record) {
        return new CheckpointRow(
                record.getString("key"),
                new StreamIdentity(record.getString("stream_arn"), record.getLong("stream_created_ms")),
                record.getString("shard_id"),
                record.getString("state"),
                record.getBigInteger("revision").longValueExact(),
                record.getString("committed_sequence"),
                record.getInstant("updated_at"));
    }
}
