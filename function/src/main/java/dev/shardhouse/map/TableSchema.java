package dev.shardhouse.map;

import dev.shardhouse.config.ConfigException;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.config.Setting;
import dev.shardhouse.map.rowbinary.UnsupportedTypeException;
import dev.shardhouse.map.rowbinary.ValueEncoder;
import dev.shardhouse.map.rowbinary.ValueEncoders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The columns of the target table that an INSERT can name (all but MATERIALIZED and ALIAS), in table order, each
 * with its encoder compiled once. Building it checks every type, so an unsupported table fails at start-up rather
 * than on the first record. Immutable.
 */
public final class TableSchema {

    private final String database;
    private final String table;
    private final List<ColumnEncoder> columns;
    private final List<ColumnEncoder> payloadColumns;

    private TableSchema(String database, String table, List<ColumnEncoder> columns) {
        this.database = database;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.payloadColumns = columns.stream().filter(column -> !column.isMetadata()).toList();
    }

    /**
     * @param columns the table's columns in position order, as system.columns lists them
     * @throws ConfigException (TARGET_TABLE) naming the table, column and type of the first column that cannot be
     *     written, or when no column is insertable
     */
    public static TableSchema of(String database, String table, List<Column> columns) {
        String qualified = Identifier.qualified(database, table);
        List<ColumnEncoder> encoders = new ArrayList<>();
        for (Column column : columns) {
            if (column.insertable()) {
                encoders.add(compile(qualified, column));
            }
        }
        if (encoders.isEmpty()) {
            throw new ConfigException(Setting.TARGET_TABLE.name(), "table " + qualified + " has no insertable column");
        }
        return new TableSchema(database, table, encoders);
    }

    private static ColumnEncoder compile(String qualified, Column column) {
        ValueEncoder encoder;
        try {
            encoder = ValueEncoders.forType(column.type());
        } catch (UnsupportedTypeException e) {
            throw new ConfigException(Setting.TARGET_TABLE.name(), "column " + Identifier.quote(column.name()) + " of "
                    + qualified + " has type " + column.type() + ", which Shardhouse cannot write: " + e.getMessage()
                    + ". Supported: " + ValueEncoders.SUPPORTED);
        }
        MetadataField field = MetadataField.forColumn(column.name()).orElse(null);
        if (field == null) {
            return new ColumnEncoder(column, encoder, null);
        }
        MetadataField.Writer writer = field.writerFor(column, encoder).orElseThrow(() -> new ConfigException(
                Setting.TARGET_TABLE.name(), "metadata column " + Identifier.quote(column.name()) + " of " + qualified
                        + " has type " + column.type() + "; it must be " + field.expectedType()));
        return new ColumnEncoder(column, encoder, writer);
    }

    public String database() {
        return database;
    }

    public String table() {
        return table;
    }

    /** {@code `database`.`table`}. */
    public String qualifiedName() {
        return Identifier.qualified(database, table);
    }

    /** The insertable columns, in table order: the order of the values in every mapped row. */
    public List<ColumnEncoder> columns() {
        return columns;
    }

    /** The insertable columns filled from the record's data (all but the metadata columns), in table order. */
    public List<ColumnEncoder> payloadColumns() {
        return payloadColumns;
    }

    /** The quoted names of {@link #columns()}. */
    public List<String> quotedColumnNames() {
        return columns.stream().map(column -> Identifier.quote(column.name())).toList();
    }

    /** The settings every insert of this schema's rows needs, of all its columns' types. */
    Map<String, String> insertSettings() {
        Map<String, String> settings = new TreeMap<>();
        columns.forEach(column -> settings.putAll(column.insertSettings()));
        return settings;
    }

    /**
     * Whether some column's values go as text that ClickHouse parses itself (JSON, also inside another type), under
     * the request's settings ({@code type_json_skip_duplicated_paths} and others), which a profile can change between
     * an attempt and its retry.
     */
    boolean parsedByServer() {
        return insertSettings().containsKey(ValueEncoders.JSON_AS_STRING);
    }

    /**
     * The layout of every row this schema maps: {@link #columns()} with the types they are sent in, and the settings
     * by which ClickHouse reads them.
     *
     * @param definition see {@link RowLayout#definition()}
     */
    public RowLayout layout(Optional<String> definition) {
        String structure = String.join(", ", columns.stream()
                .map(column -> Identifier.quote(column.name()) + " " + column.column().sentType()).toList());
        return new RowLayout(quotedColumnNames(), structure, definition, insertSettings());
    }
}
