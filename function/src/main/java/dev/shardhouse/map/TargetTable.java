package dev.shardhouse.map;

import com.clickhouse.client.api.query.GenericRecord;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.ConfigException;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.config.Setting;
import dev.shardhouse.dedup.Sha256;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The target table's definition, read again before every batch, so that a table altered while the function runs
 * (a column added, dropped or retyped) is mapped as it is now, not as it was when the instance started: rows encoded
 * for stale types would be stored as garbage without any error (issue 12, case 3). A definition seen before reuses its
 * compiled {@link Mapping}.
 */
public final class TargetTable implements TableDefinition {

    private static final String DEFINITION = "SELECT name, type, default_kind, "
            + TableDefinition.definitionSql("{database:String}", "{table:String}") + " AS definition, toString("
            + TableDefinition.hashSql("definition") + ") AS definition_hash"
            + " FROM system.columns WHERE database = {database:String} AND table = {table:String} ORDER BY position";

    /** Functions of the clock, randomness and the server's state, by the names ClickHouse prints them under. */
    private static final Pattern NON_DETERMINISTIC = Pattern.compile("(?i)\\b(now|now64|today|yesterday|"
            + "currentTimestamp|localtimestamp|nowInBlock|rand\\w*|randomString\\w*|generateUUID\\w*|"
            + "generateULID|generateSnowflakeID|uptime|serverUUID|hostName|currentDatabase|currentUser|dict\\w+|"
            + "joinGet\\w*|hasColumnInTable|getSetting|getMacro)\\s*\\(");

    private final ClickHouseSql sql;
    private final String database;
    private final String table;
    private final RecordFormat format;
    private final UnmatchedKeysPolicy unmatchedKeys;
    private final AtomicReference<Mapping> last = new AtomicReference<>();

    public TargetTable(ClickHouseSql sql, String database, String table, RecordFormat format) {
        this(sql, database, table, format, UnmatchedKeysPolicy.ACCEPT);
    }

    public TargetTable(ClickHouseSql sql, String database, String table, RecordFormat format,
                       UnmatchedKeysPolicy unmatchedKeys) {
        this.sql = sql;
        this.database = database;
        this.table = table;
        this.format = format;
        this.unmatchedKeys = unmatchedKeys;
    }

    /**
     * The mapping for the table as defined now.
     *
     * @throws ConfigException (TARGET_TABLE) if the table does not exist or has a column Shardhouse cannot write
     */
    @Override
    public Mapping current() {
        List<GenericRecord> rows = sql.query(DEFINITION, Map.of("database", database, "table", table));
        if (rows.isEmpty()) {
            throw new ConfigException(Setting.TARGET_TABLE.name(),
                    "table " + Identifier.qualified(database, table) + " does not exist");
        }
        String fingerprint = fingerprint(format, rows);
        Mapping known = last.get();
        if (known != null && known.fingerprint().equals(fingerprint)) {
            return known;
        }
        TableSchema schema = TableSchema.of(database, table, rows.stream()
                .map(row -> new Column(row.getString("name"), row.getString("type"), row.getString("default_kind")))
                .toList());
        requireInsertSettings(schema);
        Mapping mapping = new Mapping(schema, new RowMapper(schema, format, unmatchedKeys), fingerprint,
                deterministicChecks(rows.get(0).getString("definition")) && !schema.parsedByServer(),
                rows.get(0).getString("definition_hash"));
        last.set(mapping);
        return mapping;
    }

    /**
     * Some types are read only with an insert setting (JSON written as text, a Nullable tuple), and a server that does
     * not know a setting refuses every insert naming it, so such a table is refused now. Asked only when a new
     * definition has such a column.
     */
    private void requireInsertSettings(TableSchema schema) {
        Set<String> needed = schema.insertSettings().keySet();
        if (needed.isEmpty()) {
            return;
        }
        Set<String> known = sql.knownSettings(needed);
        for (ColumnEncoder column : schema.columns()) {
            for (String setting : column.insertSettings().keySet()) {
                if (!known.contains(setting)) {
                    throw new ConfigException(Setting.TARGET_TABLE.name(), "column " + column.describe() + " of "
                            + schema.qualifiedName() + " is written with the insert setting " + setting
                            + ", which this server does not know");
                }
            }
        }
    }

    /**
     * Whether the CHECK constraints of a {@code create_table_query} avoid the functions whose value changes between
     * an attempt and its retry: a "reject stale events" check can accept a row on the attempt and refuse it on the
     * replay, so such a refusal proves nothing about the attempt.
     */
    static boolean deterministicChecks(String definition) {
        int constraints = definition.indexOf(" CONSTRAINT ");
        if (constraints < 0) {
            return true;
        }
        int end = definition.indexOf(") ENGINE", constraints);
        String checks = definition.substring(constraints, end < 0 ? definition.length() : end);
        return !NON_DETERMINISTIC.matcher(checks).find();
    }

    private static String fingerprint(RecordFormat format, List<GenericRecord> rows) {
        return Sha256.hex(List.of(format.name(), rows.get(0).getString("definition")), 16);
    }
}
