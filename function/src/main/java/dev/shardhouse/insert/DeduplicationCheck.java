package dev.shardhouse.insert;

import static dev.shardhouse.config.Identifier.qualified;

import com.clickhouse.client.api.query.GenericRecord;
import dev.shardhouse.clickhouse.ClickHouseSql;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that the target table drops a repeated insert carrying the same {@code insert_deduplication_token}:
 * exactly-once after a crash between insert and checkpoint depends on it. Replicated and Shared MergeTree do so
 * by default; a plain MergeTree only with {@code non_replicated_deduplication_window} above 0.
 */
public final class DeduplicationCheck {

    private DeduplicationCheck() {
    }

    /** @return why the table would not deduplicate, or empty when it will */
    public static Optional<String> problem(ClickHouseSql sql, String database, String table) {
        List<GenericRecord> rows = sql.query("SELECT engine, engine_full FROM system.tables"
                + " WHERE database = {database:String} AND name = {table:String}",
                Map.of("database", database, "table", table));
        if (rows.isEmpty()) {
            return Optional.of("table " + qualified(database, table) + " does not exist");
        }
        String engine = rows.get(0).getString("engine");
        String engineFull = rows.get(0).getString("engine_full");
        String fix = "ALTER TABLE " + qualified(database, table) + " MODIFY SETTING ";
        if (engine.startsWith("Replicated") || engine.startsWith("Shared")) {
            return window(engineFull, "replicated_deduplication_window")
                    .filter(window -> window == 0)
                    .map(zero -> "table " + qualified(database, table) + " sets replicated_deduplication_window = 0; fix: "
                            + fix + "replicated_deduplication_window = 1000");
        }
        if (!engine.endsWith("MergeTree")) {
            return Optional.of("table " + qualified(database, table) + " has engine " + engine
                    + ", which does not deduplicate inserts; use a MergeTree-family engine");
        }
        long window = window(engineFull, "non_replicated_deduplication_window")
                .orElseGet(() -> serverDefault(sql, "non_replicated_deduplication_window"));
        if (window > 0) {
            return Optional.empty();
        }
        return Optional.of("table " + qualified(database, table) + " is a non-replicated " + engine
                + " with non_replicated_deduplication_window = 0, so a batch retried after a crash between insert and"
                + " checkpoint would be inserted twice; fix: " + fix + "non_replicated_deduplication_window = 10000");
    }

    private static Optional<Long> window(String engineFull, String setting) {
        Matcher matcher = Pattern.compile("\\b" + setting + "\\s*=\\s*(\\d+)").matcher(engineFull);
        return matcher.find() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }

    private static long serverDefault(ClickHouseSql sql, String setting) {
        List<GenericRecord> rows = sql.query("SELECT value FROM system.merge_tree_settings WHERE name = {name:String}",
                Map.of("name", setting));
        return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0).getString("value"));
    }
}
