package dev.shardhouse.tracker;

import static dev.shardhouse.config.Identifier.qualified;

import com.clickhouse.client.api.query.GenericRecord;
import dev.shardhouse.checkpoint.CheckpointTables;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.dedup.Sha256;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The tracker's side of the checkpoint store: reads a stream's rows and retires finished ones. */
public final class Checkpoints implements CheckpointRows {

    /** Rows retired by one statement of each kind at most: their keys travel as query parameters, in the URL. */
    static final int CHUNK = 500;
    /** The URL-encoded bytes a chunk's keys may take: three quarters of what ClickHouse takes in one parameter. */
    private static final int KEYS_BUDGET = 96 * 1024;
    /**
     * A chunk read as one block: KeeperMap's {@code ALTER … DELETE} removes the first block its read produces and
     * stops, so under a profile's smaller {@code max_block_size} a chunk was deleted only in part (adversarial review,
     * 2026-12-03); and the archive's insert stays one block, one token. A delete's block holds every key it names.
     */
    private static final String ONE_BLOCK = String.valueOf(CHUNK);

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
    public CheckpointScan ofStream(String streamArn) {
        List<GenericRecord> read = sql.query("SELECT key, stream_arn, stream_created_ms, shard_id, state, revision,"
                        + " committed_sequence, updated_at, pending_last_sequence, pending_token FROM " + checkpoints
                        + " WHERE stream_arn = {arn:String} AND startsWith(key, {prefix:String}) ORDER BY key",
                Map.of("arn", streamArn, "prefix", keyPrefix));
        Map<String, List<GenericRecord>> commits = new HashMap<>();
        for (GenericRecord record : read) {
            CheckpointTables.checkpointKeyOf(record.getString("key")).ifPresent(checkpoint ->
                    commits.computeIfAbsent(checkpoint, key -> new ArrayList<>()).add(record));
        }
        List<CheckpointRow> rows = new ArrayList<>();
        List<String> spent = new ArrayList<>();
        for (GenericRecord record : read) {
            String key = record.getString("key");
            if (CheckpointTables.checkpointKeyOf(key).isEmpty()) {
                List<GenericRecord> ofRow = commits.getOrDefault(key, List.of());
                String token = record.getString("pending_token");
                Optional<GenericRecord> committing = "BEFORE_PROCESSING".equals(record.getString("state"))
                        ? ofRow.stream().filter(commit -> commit.getString("pending_token").equals(token)).findFirst()
                        : Optional.empty();
                rows.add(toRow(record, committing));
                // A commit record names a claim that is certainly stored; only the row's pending claim needs its own.
                String needed = committing.map(commit -> commit.getString("key")).orElse("");
                ofRow.stream().map(commit -> commit.getString("key")).filter(commit -> !commit.equals(needed))
                        .forEach(spent::add);
            }
        }
        Set<String> checkpointKeys = rows.stream().map(CheckpointRow::key).collect(Collectors.toSet());
        commits.forEach((checkpoint, records) -> {
            if (!checkpointKeys.contains(checkpoint)) {
                records.forEach(record -> spent.add(record.getString("key")));
            }
        });
        return new CheckpointScan(rows, spent);
    }

    /** Deletes spent commit records, up to {@link #CHUNK} a statement. */
    @Override
    public void forget(List<String> spentCommits) {
        for (List<String> chunk : chunks(spentCommits, Function.identity())) {
            CheckpointTables.deleteCommits(sql, checkpoints, chunk);
        }
    }

    /**
     * Archives, then deletes, each row at the revision it was read at, up to {@link #CHUNK} rows a statement; returns
     * how many are gone from the checkpoint table afterwards. Statements per chunk, not per row: after a stream of 1,000
     * shards doubled, three statements a row took 3,000 statements and half of the tracker's one-minute timeout
     * ({@code bin/bench --tracker}).
     *
     * <p>The order matters: the ingest function, finding no row for a shard, takes the newest archived row of its
     * key as the position already delivered, so a row is deleted only once a copy of that very revision is archived.
     * Both statements match the revisions read, so a row the ingest function moved on meanwhile is neither archived
     * nor deleted (in strict mode a concurrent move fails the chunk's delete, and with it the run; the next run reads
     * the rows again). Only nearly: should another run have deleted one of the chunk's rows first, KeeperMap removes
     * the others one by one without their versions, so a move inside that statement would go unseen; no move comes,
     * since the rows retired are quiescent (a closed shard read to its end, an expired shard, a deleted stream's: the
     * ingest function writes none of them again).
     *
     * <p>A row whose pending claim a commit record names when the archive reads it is archived as committed (the claim's
     * last position and records counted in): decided there, not from the scan, for a commit may land in between (a
     * stream's recreation retires rows whatever their state). Its records stay: once the row is gone they are spent,
     * and {@link #forget} deletes them; deleted here, a row that moved on meanwhile and so stays would lose the record
     * that commits it (adversarial review, 2026-12-03).
     *
     * <p>The insert skips a (key, revision) already archived, which covers a run repeated after a crash between the
     * two statements; and it carries a digest of its rows' {@code key|revision} as its deduplication token, which
     * covers two runs at once that decided the same retirements, whose inserts can both pass that check before either
     * has landed (the archive keeps the last 1000 tokens, see {@link CheckpointTables#createArchiveTable}). Two runs at
     * once that decided different sets can archive a row twice: identical copies, of which readers take the newest
     * revision as ever.
     */
    @Override
    public int retire(List<Retirement> retirements, Instant archivedAt) {
        List<Retirement> ordered = retirements.stream()
                .sorted(Comparator.comparing((Retirement retirement) -> retirement.row().key())).toList();
        int gone = 0;
        for (List<Retirement> chunk : chunks(ordered, retirement -> retirement.row().key())) {
            gone += retireChunk(chunk, archivedAt);
        }
        return gone;
    }

    /**
     * {@code items} in chunks of at most {@link #CHUNK}, each ending before the keys of its items would take more
     * than {@link #KEYS_BUDGET} bytes of the URL, where they travel as a query parameter. ClickHouse refuses a
     * parameter over 128 KiB ({@code http_max_field_value_size}): 500 keys of a 128-character stream name took more
     * (adversarial review, 2026-12-03), and every run would have failed on the same first chunk.
     */
    private static <T> List<List<T>> chunks(List<T> items, Function<T, String> key) {
        List<List<T>> chunks = new ArrayList<>();
        int from = 0;
        while (from < items.size()) {
            int bytes = 0;
            int to = from;
            while (to < items.size() && to - from < CHUNK) {
                bytes += URLEncoder.encode(Identifier.literal(key.apply(items.get(to))) + ",", StandardCharsets.UTF_8)
                        .length();
                if (bytes > KEYS_BUDGET && to > from) {
                    break;
                }
                to++;
            }
            chunks.add(items.subList(from, to));
            from = to;
        }
        return chunks;
    }

    private int retireChunk(List<Retirement> chunk, Instant archivedAt) {
        List<CheckpointRow> rows = chunk.stream().map(Retirement::row).toList();
        List<String> keys = rows.stream().map(CheckpointRow::key).toList();
        Map<String, Object> parameters = Map.of(
                "keys", Identifier.arrayLiteral(keys),
                "revisions", rows.stream().map(CheckpointRow::revision).toList(),
                "reasons", Identifier.arrayLiteral(
                        chunk.stream().map(retirement -> retirement.reason().storedText()).toList()),
                "at", archivedAt.toEpochMilli());
        // key IN lets KeeperMap fetch the keys instead of scanning the table; the pairs pin each key's revision.
        String readRevisions = " WHERE key IN {keys:Array(String)}"
                + " AND has(arrayZip({keys:Array(String)}, {revisions:Array(UInt64)}), (key, revision))";
        // The rows' commit records, looked up by key as the ingest function's read does.
        String marked = "(state = 'BEFORE_PROCESSING' AND " + CheckpointTables.commitKeySql() + " IN (SELECT key FROM "
                + checkpoints + " WHERE key IN (SELECT " + CheckpointTables.commitKeySql() + " FROM " + checkpoints
                + " WHERE key IN {keys:Array(String)})))";
        // Both tables are built from the same column list (CheckpointTables), the archive's two extra columns last, so
        // SELECT * lines up with them; REPLACE's expressions read the source columns.
        sql.execute("INSERT INTO " + archive
                + " SELECT * REPLACE (" + CheckpointTables.committedColumns(marked, "") + "),"
                + " fromUnixTimestamp64Milli({at:Int64}, 'UTC'),"
                + " transform(key, {keys:Array(String)}, {reasons:Array(String)}, '') FROM " + checkpoints + readRevisions
                + " AND (key, revision) NOT IN"
                + " (SELECT key, revision FROM " + archive + " WHERE key IN {keys:Array(String)})",
                parameters, Map.of("insert_deduplication_token", "retire|" + digest(chunk), "max_block_size", ONE_BLOCK));
        Map<String, String> deleteSettings = new HashMap<>(CheckpointTables.WRITE_SETTINGS);
        deleteSettings.put("max_block_size", ONE_BLOCK);
        sql.execute("ALTER TABLE " + checkpoints + " DELETE" + readRevisions, parameters, deleteSettings);
        long left = sql.query("SELECT count() AS left FROM " + checkpoints + " WHERE key IN {keys:Array(String)}",
                Map.of("keys", parameters.get("keys"))).get(0).getLong("left");
        return chunk.size() - (int) left;
    }

    private static String digest(List<Retirement> chunk) {
        return Sha256.hex(chunk.stream().map(retirement -> retirement.row().key() + "|" + retirement.row().revision()
                + "\n").toList(), 32);
    }

    /** The row as its readers take it, {@code commit} (the record committing its pending claim, if any) taken in. */
    private static CheckpointRow toRow(GenericRecord record, Optional<GenericRecord> commit) {
        return new CheckpointRow(
                record.getString("key"),
                new StreamIdentity(record.getString("stream_arn"), record.getLong("stream_created_ms")),
                record.getString("shard_id"),
                commit.isPresent() ? CheckpointRow.AFTER_PROCESSING : record.getString("state"),
                record.getBigInteger("revision").longValueExact(),
                record.getString(commit.isPresent() ? "pending_last_sequence" : "committed_sequence"),
                commit.map(c -> c.getInstant("updated_at")).orElseGet(() -> record.getInstant("updated_at")),
                commit.isPresent());
    }
}
