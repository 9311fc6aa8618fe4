package dev.shardhouse.checkpoint;

import static dev.shardhouse.config.Identifier.qualified;

import com.clickhouse.client.api.query.GenericRecord;
import dev.shardhouse.clickhouse.ClickHouseFailure;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.ConfigException;
import dev.shardhouse.config.Setting;
import dev.shardhouse.dedup.Attempts;
import dev.shardhouse.dedup.Checkpoint;
import dev.shardhouse.dedup.PendingRange;
import dev.shardhouse.dedup.Phase;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.dedup.Routing;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checkpoints in a ClickHouse KeeperMap table (see {@link CheckpointTables}).
 *
 * <p>Compare-and-set, one statement each: a first write is an INSERT under {@code keeper_map_strict_mode=1}, which
 * fails if the key exists; later writes are {@code ALTER TABLE … UPDATE … WHERE key = k AND throwIf(revision != n)}
 * under the same mode, which fails on a concurrent change ("Bad version") and throws when the revision has moved on.
 * A row the tracker retired (deleted) makes the UPDATE read nothing, which the server reports as zero rows read:
 * that is a lost race too. Any count but one reads as lost, which is safe even if the update did happen (a proxy
 * dropping the summary header, say): the caller reads again, finds its own claim pending, and recovers it. The
 * Kafka Connect sink overwrites its state blindly, so a zombie task can roll it back (its #24).
 *
 * <p>A commit is not an update of that row: it creates the claim's commit record ({@link CheckpointTables#commitKey}),
 * a new key per claim, and a read takes a pending claim named by its record as committed; the shard's next claim
 * writes the commit into the row, which makes the record spent ({@link #forget}). Creating a key is the keeper's
 * cheapest compare-and-set, half the time of the row's {@code ALTER}, and it keeps a late request harmless: it fails
 * (the record exists) or names a claim the checkpoint has moved past. An upsert of one marker per shard was tried
 * first and refuted: a late one overwrote a newer claim's and un-committed it ({@code LateCommitIT}).
 */
public final class KeeperMapCheckpointStore implements CheckpointStore {

    /** Column name to ClickHouse type of every state column, written by every transition. */
    private static final Map<String, String> COLUMN_TYPES = columnTypes();

    private static Map<String, String> columnTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("state", "String");
        types.put("revision", "UInt64");
        types.put("committed_sequence", "String");
        types.put("committed_sub_sequence", "UInt64");
        types.put("pending_first_sequence", "String");
        types.put("pending_first_sub_sequence", "UInt64");
        types.put("pending_last_sequence", "String");
        types.put("pending_last_sub_sequence", "UInt64");
        types.put("pending_records", "UInt32");
        types.put("pending_token", "String");
        types.put("pending_positions", "String");
        types.put("pending_schema", "String");
        types.put("pending_routing", "String");
        types.put("owner", "String");
        types.put("records_committed", "UInt64");
        return types;
    }

    private static final String STATE_COLUMNS = String.join(", ", COLUMN_TYPES.keySet());
    private static final String STATE_PLACEHOLDERS = joined("{%1$s:%2$s}");
    private static final String STATE_ASSIGNMENTS = joined("%1$s = {%1$s:%2$s}");

    /** The state columns formatted with {@code pattern} (%1$s name, %2$s type), comma-separated. */
    private static String joined(String pattern) {
        return String.join(", ", COLUMN_TYPES.entrySet().stream()
                .map(column -> String.format(pattern, column.getKey(), column.getValue())).toList());
    }

    /** What the guarded update throws when the stored revision is not the expected one. */
    private static final String REVISION_MOVED = "shardhouse: the checkpoint moved to another revision";

    private final ClickHouseSql sql;
    private final String table;
    private final String archiveTable;
    private final String pipeline;

    /**
     * @param pipeline what this deployment writes to ({@code database.table} of the target): the scope of its
     *                 checkpoints and tokens, so that two pipelines reading one stream into different tables never
     *                 share a checkpoint, while two writing one table share them and so insert each record once
     */
    public KeeperMapCheckpointStore(ClickHouseSql sql, String database, String table, String archiveTable,
                                    String pipeline) {
        this.sql = sql;
        this.table = qualified(database, table);
        this.archiveTable = qualified(database, archiveTable);
        this.pipeline = pipeline;
    }

    /**
     * Creates the checkpoint and archive tables if absent, and refuses a checkpoint table of an older format: a
     * KeeperMap table cannot gain columns, and a claim that does not pin its routing cannot be replayed safely.
     */
    public static void createTables(ClickHouseSql sql, String database, String table, String archiveTable) {
        sql.execute(CheckpointTables.createCheckpointTable(database, table));
        sql.execute(CheckpointTables.createArchiveTable(database, archiveTable));
        List<String> missing = CheckpointTables.missingColumns(sql, database, table);
        if (!missing.isEmpty()) {
            throw new ConfigException(Setting.CHECKPOINT_TABLE.name(), "checkpoint table " + qualified(database, table)
                    + " was made by an older Shardhouse and lacks " + String.join(", ", missing) + ", which KeeperMap"
                    + " cannot add; let the old version finish its pending batches, then set "
                    + Setting.CHECKPOINT_TABLE.name() + " to a new table name (shards start from their trim horizon"
                    + " or the mapping's starting position)");
        }
        CheckpointTables.addMissingArchiveColumns(sql, database, archiveTable);
    }

    @Override
    public String key(StreamIdentity stream, String shardId) {
        return CheckpointTables.keyPrefix(pipeline) + stream.checkpointKey(shardId);
    }

    @Override
    public Checkpoint read(StreamIdentity stream, String shardId) {
        String key = key(stream, shardId);
        // One round trip: the row, and the commit record of the claim it holds (KeeperMap looks both up by key).
        List<GenericRecord> rows = sql.query("SELECT key, " + STATE_COLUMNS + " FROM " + table + " WHERE key IN"
                + " (SELECT arrayJoin([key, " + CheckpointTables.commitKeySql() + "]) FROM " + table
                + " WHERE key = {key:String})", Map.of("key", key));
        Optional<GenericRecord> row = rows.stream().filter(r -> r.getString("key").equals(key)).findFirst();
        if (row.isEmpty()) {
            return retired(key);
        }
        Checkpoint checkpoint = toCheckpoint(row.get());
        return checkpoint.pending()
                .filter(claim -> rows.stream().anyMatch(r -> r.getString("key").equals(
                        CheckpointTables.commitKey(key, claim.token()))))
                .map(claim -> checkpoint.markedCommitted()).orElse(checkpoint);
    }

    @Override
    public boolean compareAndSet(StreamIdentity stream, String shardId, Checkpoint expected, Checkpoint next,
                                 String owner) {
        String key = key(stream, shardId);
        if (expected.endedBy(next) && committed(key, expected.pending().orElseThrow().token())) {
            return false;
        }
        Map<String, Object> values = values(next, owner);
        try {
            if (expected.stored()) {
                return guardedUpdate(key, expected.revision(), values) == 1;
            }
            insert(key, stream, shardId, values);
            return true;
        } catch (RuntimeException e) {
            if (lostRace(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * A commit record leaves the row's revision as it was, so a release written from a checkpoint read before the
     * record landed would still win, and give up a claim that is stored (adversarial review, 2026-12-03): a release
     * first looks for the claim's record. A commit landing between that look and the release is the order in which the
     * compare-and-set commit lost to the release too. The tracker's commit of a claim whose records aged out looks
     * first as well: a claim its record commits was stored, not expired. One landing after the look only finds the
     * claim committed already.
     */
    private boolean committed(String key, String token) {
        return !sql.query("SELECT key FROM " + table + " WHERE key = {key:String}",
                Map.of("key", CheckpointTables.commitKey(key, token))).isEmpty();
    }

    @Override
    public void commit(StreamIdentity stream, String shardId, Checkpoint claimed, String owner) {
        String token = claimed.pending().orElseThrow().token();
        String commitKey = CheckpointTables.commitKey(key(stream, shardId), token);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("key", commitKey);
        parameters.put("stream_arn", stream.streamArn());
        parameters.put("stream_created_ms", stream.createdMillis());
        parameters.put("shard_id", shardId);
        parameters.put("state", CheckpointTables.COMMIT_STATE);
        parameters.put("revision", claimed.revision());
        parameters.put("pending_token", token);
        parameters.put("owner", owner);
        try {
            sql.execute("INSERT INTO " + table + " (key, stream_arn, stream_created_ms, shard_id, state, revision,"
                            + " pending_token, owner, updated_at) SELECT {key:String}, {stream_arn:String},"
                            + " {stream_created_ms:Int64}, {shard_id:String}, {state:String}, {revision:UInt64},"
                            + " {pending_token:String}, {owner:String}, now64(3)",
                    parameters, CheckpointTables.WRITE_SETTINGS);
        } catch (RuntimeException e) {
            // A repeated commit finds its record there; a keeper failure that only looks like a conflict must not pass.
            if (!lostRace(e) || !committed(key(stream, shardId), token)) {
                throw e;
            }
        }
    }

    @Override
    public String commitKey(String checkpointKey, String token) {
        return CheckpointTables.commitKey(checkpointKey, token);
    }

    @Override
    public void forget(List<String> commitKeys) {
        CheckpointTables.deleteCommits(sql, table, commitKeys);
    }

    private void insert(String key, StreamIdentity stream, String shardId, Map<String, Object> values) {
        Map<String, Object> parameters = new LinkedHashMap<>(values);
        parameters.put("key", key);
        parameters.put("stream_arn", stream.streamArn());
        parameters.put("stream_created_ms", stream.createdMillis());
        parameters.put("shard_id", shardId);
        sql.execute("INSERT INTO " + table + " (key, stream_arn, stream_created_ms, shard_id, " + STATE_COLUMNS
                        + ", updated_at) SELECT {key:String}, {stream_arn:String}, {stream_created_ms:Int64}, "
                        + "{shard_id:String}, " + STATE_PLACEHOLDERS + ", now64(3)",
                parameters, CheckpointTables.WRITE_SETTINGS);
    }

    /**
     * Sets the state columns to {@code values} if the row holds {@code expectedRevision}, throwing {@link
     * #REVISION_MOVED} if it holds another.
     *
     * @return rows read: 1 if the row was there (and so was updated), 0 if it is gone
     */
    private long guardedUpdate(String key, long expectedRevision, Map<String, Object> values) {
        Map<String, Object> parameters = new LinkedHashMap<>(values);
        parameters.put("key", key);
        parameters.put("expected_revision", expectedRevision);
        return sql.execute("ALTER TABLE " + table + " UPDATE " + STATE_ASSIGNMENTS + ", updated_at = now64(3)"
                        + " WHERE key = {key:String}"
                        + " AND throwIf(revision != {expected_revision:UInt64}, '" + REVISION_MOVED + "') = 0",
                parameters, CheckpointTables.WRITE_SETTINGS);
    }

    /** A write another writer got in first: a keeper conflict, or the guarded update finding another revision. */
    private static boolean lostRace(RuntimeException e) {
        ClickHouseFailure failure = ClickHouseFailure.of(e);
        return failure.isKeeperConflict() || failure.message().contains(REVISION_MOVED);
    }

    /** The state of a key with no row: the newest committed position and revision the tracker archived, if any. */
    private Checkpoint retired(String key) {
        List<GenericRecord> archived = sql.query("SELECT committed_sequence, committed_sub_sequence, revision FROM "
                + archiveTable + " WHERE key = {key:String}", Map.of("key", key));
        Optional<Position> committed = archived.stream()
                .filter(row -> !row.getString("committed_sequence").isEmpty())
                .map(row -> Position.of(row.getString("committed_sequence"), row.getLong("committed_sub_sequence")))
                .max(Comparator.naturalOrder());
        long lastRevision = archived.stream().mapToLong(row -> row.getLong("revision")).max().orElse(0);
        return Checkpoint.absent(committed, lastRevision);
    }


    private static Map<String, Object> values(Checkpoint checkpoint, String owner) {
        Optional<Position> committed = checkpoint.committed();
        // The pending claim, or after its commit the claim last committed: pending_* name the columns' first use.
        Optional<PendingRange> pending = checkpoint.pending().or(checkpoint::lastClaim);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("state", checkpoint.phase().name());
        values.put("revision", checkpoint.revision());
        values.put("committed_sequence", committed.map(Position::sequenceNumber).orElse(""));
        values.put("committed_sub_sequence", committed.map(Position::subSequence).orElse(0L));
        values.put("pending_first_sequence", pending.map(p -> p.first().sequenceNumber()).orElse(""));
        values.put("pending_first_sub_sequence", pending.map(p -> p.first().subSequence()).orElse(0L));
        values.put("pending_last_sequence", pending.map(p -> p.last().sequenceNumber()).orElse(""));
        values.put("pending_last_sub_sequence", pending.map(p -> p.last().subSequence()).orElse(0L));
        values.put("pending_records", pending.map(PendingRange::records).orElse(0));
        values.put("pending_token", pending.map(PendingRange::token).orElse(""));
        values.put("pending_positions", pending.map(PendingRange::positions).orElse(""));
        // The column's name is older than the attempts it holds: KeeperMap tables cannot rename a column.
        values.put("pending_schema", pending.map(p -> p.attempts().encode()).orElse(""));
        values.put("pending_routing", pending.map(p -> p.routing().encode()).orElse(""));
        values.put("owner", owner);
        values.put("records_committed", checkpoint.recordsCommitted());
        return values;
    }

    private static Checkpoint toCheckpoint(GenericRecord row) {
        Phase phase = Phase.valueOf(row.getString("state"));
        String committed = row.getString("committed_sequence");
        Optional<PendingRange> claim = row.getString("pending_first_sequence").isEmpty() ? Optional.empty()
                : Optional.of(new PendingRange(
                        Position.of(row.getString("pending_first_sequence"), row.getLong("pending_first_sub_sequence")),
                        Position.of(row.getString("pending_last_sequence"), row.getLong("pending_last_sub_sequence")),
                        (int) row.getLong("pending_records"),
                        row.getString("pending_token"),
                        row.getString("pending_positions"),
                        Attempts.decode(row.getString("pending_schema")),
                        Routing.decode(row.getString("pending_routing"))));
        boolean pending = phase == Phase.BEFORE_PROCESSING;
        return new Checkpoint(phase, row.getLong("revision"),
                committed.isEmpty() ? Optional.empty() : Optional.of(Position.of(committed, row.getLong("committed_sub_sequence"))),
                pending ? claim : Optional.empty(), row.getLong("records_committed"), true,
                pending ? Optional.empty() : claim.map(PendingRange::withoutRouting));
    }
}
