package dev.shardhouse.checkpoint;

import static dev.shardhouse.config.Identifier.qualified;

import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.dedup.Sha256;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * DDL of the checkpoint store, shared by the ingest function (which moves checkpoints) and the tracker (which
 * retires them).
 *
 * <p>The KeeperMap path holds the database and table name, so two deployments on one ClickHouse never share state
 * (the Kafka Connect sink's path ignores the database: its issues #224 and #489).
 */
public final class CheckpointTables {

    /** Columns common to the live checkpoint table and its archive. */
    private static final String COLUMNS = """
                key String,
                stream_arn String,
                stream_created_ms Int64,
                shard_id String,
                state String,
                revision UInt64,
                committed_sequence String,
                committed_sub_sequence UInt64,
                pending_first_sequence String,
                pending_first_sub_sequence UInt64,
                pending_last_sequence String,
                pending_last_sub_sequence UInt64,
                pending_records UInt32,
                pending_token String,
                pending_positions String,
                pending_schema String,
                pending_routing String,
                owner String,
                records_committed UInt64,
                updated_at DateTime64(3, 'UTC')""";

    /**
     * Settings of every write to the checkpoint table. Strict mode makes KeeperMap writes version-checked (a stale
     * writer fails). Expression compilation is off: every checkpoint statement carries new values, so LLVM compiling
     * them costs more than it ever saves. The analyzer stays on although turning it off halved the server time of this
     * {@code ALTER} on ClickHouse 26.7 (BENCHMARKS.md): from 26.9 on, ClickHouse refuses {@code enable_analyzer=0}.
     */
    public static final Map<String, String> WRITE_SETTINGS =
            Map.of("keeper_map_strict_mode", "1", "compile_expressions", "0");

    /** The {@code state} of a commit record row, beside the {@code Phase} names of checkpoint rows. */
    public static final String COMMIT_STATE = "CLAIM_COMMITTED";

    private static final String COMMIT_SEPARATOR = "#committed#";

    private CheckpointTables() {
    }

    /**
     * The key of the row that records the claim of {@code token} committed on the checkpoint of {@code key}: one per
     * claim, created once (a strict {@code INSERT} of a new key, 3-4 ms against 8 ms for a compare-and-set {@code ALTER}
     * here, BENCHMARKS.md) and never changed, so a late or repeated one can only fail or name a claim the checkpoint
     * has moved past. The digest keeps keys short: a token holds the checkpoint key and two positions.
     */
    public static String commitKey(String key, String token) {
        return key + COMMIT_SEPARATOR + Sha256.hex(List.of(token), 16);
    }

    /** The same key computed by ClickHouse from the columns {@code key} and {@code pending_token} of a checkpoint row. */
    public static String commitKeySql() {
        return "concat(key, '" + COMMIT_SEPARATOR + "', lower(hex(substring(SHA256(pending_token), 1, 16))))";
    }

    /**
     * Deletes the commit records of {@code commitKeys} in one statement. A record is written once and never changed,
     * so deleting it by key removes only what its claim wrote (or a late copy of it).
     */
    public static void deleteCommits(ClickHouseSql sql, String qualifiedTable, List<String> commitKeys) {
        Map<String, String> settings = new HashMap<>(WRITE_SETTINGS);
        // KeeperMap's ALTER … DELETE removes the first block its read yields and stops (see tracker.Checkpoints).
        settings.put("max_block_size", String.valueOf(commitKeys.size()));
        sql.execute("ALTER TABLE " + qualifiedTable + " DELETE WHERE key IN {keys:Array(String)}",
                Map.of("keys", Identifier.arrayLiteral(commitKeys)), settings);
    }

    /** The checkpoint key a commit record belongs to, or empty for a checkpoint row's own key. */
    public static Optional<String> checkpointKeyOf(String key) {
        int separator = key.indexOf(COMMIT_SEPARATOR);
        return separator < 0 ? Optional.empty() : Optional.of(key.substring(0, separator));
    }

    /**
     * Every checkpoint row of {@code qualifiedTable} as its readers take it (the key, the stream's columns, {@code
     * revision}, {@code state}, {@code committed_sequence}, {@code committed_sub_sequence}, {@code records_committed},
     * {@code updated_at}): a claim still pending in its row but named by a commit record counted as committed. For
     * operators and the test harnesses; it reads the table twice.
     */
    public static String committedView(String qualifiedTable) {
        String marked = "c.state = 'BEFORE_PROCESSING' AND m.key != ''";
        return "SELECT c.key AS key, c.stream_arn AS stream_arn, c.stream_created_ms AS stream_created_ms,"
                + " c.shard_id AS shard_id, c.revision AS revision, " + committedColumns(marked, "c.") + ","
                + " greatest(c.updated_at, if(" + marked + ", m.updated_at, c.updated_at)) AS updated_at"
                + " FROM " + qualifiedTable + " AS c LEFT JOIN (SELECT key, pending_token, updated_at,"
                + " splitByString('" + COMMIT_SEPARATOR + "', key)[1] AS checkpoint_key FROM " + qualifiedTable
                + " WHERE state = '" + COMMIT_STATE + "') AS m"
                + " ON m.checkpoint_key = c.key AND m.pending_token = c.pending_token WHERE c.state != '" + COMMIT_STATE + "'";
    }

    /**
     * The columns a checkpoint row's commit changes, as readers take them where {@code marked} (an SQL condition: the
     * row's pending claim is named by its commit record) holds: {@code state}, {@code committed_sequence}, {@code
     * committed_sub_sequence} and {@code records_committed}, as {@code Checkpoint.markedCommitted} makes them. {@code
     * prefix} qualifies the row's columns (a table alias and a dot, or nothing).
     */
    public static String committedColumns(String marked, String prefix) {
        return "if(" + marked + ", 'AFTER_PROCESSING', " + prefix + "state) AS state,"
                + " if(" + marked + ", " + prefix + "pending_last_sequence, " + prefix + "committed_sequence)"
                + " AS committed_sequence,"
                + " if(" + marked + ", " + prefix + "pending_last_sub_sequence, " + prefix + "committed_sub_sequence)"
                + " AS committed_sub_sequence,"
                + " " + prefix + "records_committed + if(" + marked + ", " + prefix + "pending_records, 0)"
                + " AS records_committed";
    }

    /**
     * One row per shard, updated only by compare-and-set on {@code revision}, and beside it the commit records of its
     * claims ({@link #commitKey}), each written once.
     */
    public static String createCheckpointTable(String database, String table) {
        return "CREATE TABLE IF NOT EXISTS " + qualified(database, table) + " (\n" + COLUMNS + "\n)"
                + " ENGINE = KeeperMap('/shardhouse/" + database + "/" + table + "') PRIMARY KEY key";
    }

    /**
     * The pipeline a checkpoint belongs to: the target table it writes. It begins every checkpoint key (and so every
     * token), so that pipelines reading one stream into different tables keep apart, and each tracker retires only its
     * own pipeline's checkpoints.
     */
    public static String pipeline(String database, String targetTable) {
        return qualified(database, targetTable);
    }

    /** The start of every checkpoint key of {@code pipeline}. */
    public static String keyPrefix(String pipeline) {
        return pipeline + "|";
    }

    /** Columns added since the first format, each with the column it follows, in the order they are added. */
    private static final Map<String, String> ADDED_COLUMNS = addedColumns();

    private static Map<String, String> addedColumns() {
        Map<String, String> added = new LinkedHashMap<>();
        added.put("pending_positions", "pending_token");
        added.put("pending_schema", "pending_positions");
        added.put("pending_routing", "pending_schema");
        return added;
    }

    /** The added columns a checkpoint table lacks. */
    static List<String> missingColumns(ClickHouseSql sql, String database, String table) {
        Set<String> present = sql.query("SELECT name FROM system.columns WHERE database = {database:String}"
                        + " AND table = {table:String}", Map.of("database", database, "table", table))
                .stream().map(row -> row.getString("name")).collect(Collectors.toSet());
        return ADDED_COLUMNS.keySet().stream().filter(column -> !present.contains(column)).toList();
    }

    /** Brings an archive of the first format up to date: its columns must line up with the checkpoint table's. */
    static void addMissingArchiveColumns(ClickHouseSql sql, String database, String archiveTable) {
        for (String column : missingColumns(sql, database, archiveTable)) {
            sql.execute("ALTER TABLE " + qualified(database, archiveTable) + " ADD COLUMN IF NOT EXISTS " + column
                    + " String AFTER " + ADDED_COLUMNS.get(column));
        }
    }

    /**
     * Retired checkpoints stay queryable here, with when and why they were retired. The deduplication window lets
     * the tracker archive a (key, revision) once even when two runs retire it at the same moment.
     */
    public static String createArchiveTable(String database, String table) {
        return "CREATE TABLE IF NOT EXISTS " + qualified(database, table) + " (\n" + COLUMNS + ",\n"
                + "    archived_at DateTime64(3, 'UTC'),\n"
                + "    archive_reason String\n)"
                + " ENGINE = MergeTree ORDER BY (stream_arn, shard_id, archived_at)"
                + " SETTINGS non_replicated_deduplication_window = 1000";
    }
}
