package dev.shardhouse.insert;

import static dev.shardhouse.config.Identifier.qualified;

import com.clickhouse.client.api.query.GenericRecord;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.IngestConfig;
import dev.shardhouse.config.Setting;
import dev.shardhouse.source.StreamSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that the target table still knows an insert's {@code insert_deduplication_token} when the insert is
 * retried: exactly-once after a crash between insert and checkpoint depends on it. A MergeTree table forgets a
 * token once later inserts push it out of its window of recent blocks ({@code non_replicated_deduplication_window}
 * or {@code replicated_deduplication_window}); a Replicated or Shared one also once it is older than
 * {@code replicated_deduplication_window_seconds}.
 * <p>
 * The rule:
 * <ul>
 * <li>the count must be at least {@value #BLOCKS_PER_SHARD} blocks per open shard. While one shard waits for its
 * retry it inserts nothing new (recovery comes before new work), but every other shard goes on inserting, at least
 * one block per batch (one per partition a batch touches). The count cannot be checked against traffic at
 * start-up; this allowance lets each other shard insert {@value #BLOCKS_PER_SHARD} blocks before the retry, and a
 * window too small for the shard count (1, say) is refused;</li>
 * <li>the seconds must cover the retry horizon: the mapping's MaximumRecordAgeSeconds, or with -1 the stream's
 * retention (Kinesis keeps records at least 24 h, the horizon assumed when the stream cannot be described).</li>
 * </ul>
 */
public final class DeduplicationCheck {

    /** Blocks the window must hold per open shard of the stream. */
    static final long BLOCKS_PER_SHARD = 100;
    /** The smallest window a fix suggests: ClickHouse 26's default for replicated tables. */
    static final long SUGGESTED_COUNT = 10_000;
    /** The shortest retention Kinesis allows. */
    static final Duration MINIMUM_RETENTION = Duration.ofHours(24);

    private static final String NON_REPLICATED_COUNT = "non_replicated_deduplication_window";
    private static final String REPLICATED_COUNT = "replicated_deduplication_window";
    private static final String REPLICATED_SECONDS = "replicated_deduplication_window_seconds";

    private DeduplicationCheck() {
    }

    /**
     * What the window must cover.
     *
     * @param openShards          shards inserting into the table at once (at least 1)
     * @param retryHorizonSeconds the longest time between an insert and its retry
     * @param horizon             where the horizon comes from, for the messages
     */
    public record Needs(long openShards, long retryHorizonSeconds, String horizon) {

        /**
         * @param maximumRecordAgeSeconds the mapping's MaximumRecordAgeSeconds ({@link IngestConfig#UNTIL_RECORDS_EXPIRE})
         * @param stream                  the stream as described at start-up; empty when it could not be, so one
         *                                shard and Kinesis' shortest retention are assumed (lower bounds)
         */
        public static Needs of(int maximumRecordAgeSeconds, Optional<StreamSummary> stream) {
            long shards = stream.map(StreamSummary::openShards).filter(n -> n > 0).orElse(1);
            Duration retention = stream.map(StreamSummary::retention).orElse(MINIMUM_RETENTION);
            String retained = stream.isPresent()
                    ? "the stream's retention of " + retention.toHours() + " h"
                    : "the stream's retention, at least " + MINIMUM_RETENTION.toHours() + " h";
            String setting = Setting.MAXIMUM_RECORD_AGE_SECONDS.name() + "=" + maximumRecordAgeSeconds;
            if (maximumRecordAgeSeconds == IngestConfig.UNTIL_RECORDS_EXPIRE) {
                return new Needs(shards, retention.toSeconds(), setting + ": until the records expire, " + retained);
            }
            if (stream.isPresent() && retention.toSeconds() < maximumRecordAgeSeconds) {
                return new Needs(shards, retention.toSeconds(), setting + ", cut short by " + retained);
            }
            return new Needs(shards, maximumRecordAgeSeconds, setting);
        }

        long minimumCount() {
            return openShards * BLOCKS_PER_SHARD;
        }
    }

    /**
     * The deduplication settings of a table.
     *
     * @param seconds empty for a non-replicated table, which keeps its window however old its blocks are
     */
    record Window(String table, String engine, String countSetting, long count, OptionalLong seconds) {
    }

    /** @return why the table would not drop a retried insert, or empty when it will */
    public static Optional<String> problem(ClickHouseSql sql, String database, String table, Needs needs) {
        List<GenericRecord> rows = sql.query("SELECT engine, engine_full FROM system.tables"
                + " WHERE database = {database:String} AND name = {table:String}",
                Map.of("database", database, "table", table));
        if (rows.isEmpty()) {
            return Optional.of("table " + qualified(database, table) + " does not exist");
        }
        String engine = rows.get(0).getString("engine");
        String engineFull = rows.get(0).getString("engine_full");
        if (!engine.endsWith("MergeTree")) {
            return Optional.of("table " + qualified(database, table) + " has engine " + engine
                    + ", which does not deduplicate inserts; use a MergeTree-family engine");
        }
        boolean replicated = engine.startsWith("Replicated") || engine.startsWith("Shared");
        String countSetting = replicated ? REPLICATED_COUNT : NON_REPLICATED_COUNT;
        OptionalLong seconds = replicated
                ? OptionalLong.of(setting(sql, engineFull, REPLICATED_SECONDS))
                : OptionalLong.empty();
        return problem(new Window(qualified(database, table), engine, countSetting,
                setting(sql, engineFull, countSetting), seconds), needs);
    }

    /** The rule itself (see the class comment). */
    static Optional<String> problem(Window window, Needs needs) {
        List<String> problems = new ArrayList<>();
        Map<String, Long> fix = new LinkedHashMap<>();
        if (window.count() < needs.minimumCount()) {
            problems.add(window.countSetting() + " = " + window.count() + " keeps the tokens of fewer blocks than "
                    + needs.minimumCount() + " (" + BLOCKS_PER_SHARD + " per open shard, " + needs.openShards() + ")");
            fix.put(window.countSetting(), Math.max(needs.minimumCount(), SUGGESTED_COUNT));
        }
        if (window.seconds().isPresent() && window.seconds().getAsLong() < needs.retryHorizonSeconds()) {
            problems.add(REPLICATED_SECONDS + " = " + window.seconds().getAsLong() + " forgets a token before a batch"
                    + " stops being retried, after " + needs.retryHorizonSeconds() + " s (" + needs.horizon() + ")");
            fix.put(REPLICATED_SECONDS, needs.retryHorizonSeconds());
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder alter = new StringBuilder("ALTER TABLE ").append(window.table()).append(" MODIFY SETTING ");
        fix.forEach((name, value) -> alter.append(name).append(" = ").append(value).append(", "));
        alter.setLength(alter.length() - 2);
        return Optional.of("table " + window.table() + " (" + window.engine() + "): " + String.join("; ", problems)
                + ", so a batch retried after a crash between insert and checkpoint could be inserted twice; fix: "
                + alter);
    }

    /** The table's own value of a MergeTree setting, else the server's default. */
    private static long setting(ClickHouseSql sql, String engineFull, String name) {
        Matcher matcher = Pattern.compile("\\b" + name + "\\s*=\\s*(\\d+)").matcher(engineFull);
        if (matcher.find()) {
            return Long.parseLong(matcher.group(1));
        }
        List<GenericRecord> rows = sql.query("SELECT value FROM system.merge_tree_settings WHERE name = {name:String}",
                Map.of("name", name));
        return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0).getString("value"));
    }
}
