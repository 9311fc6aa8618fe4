package dev.shardhouse.map;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import dev.shardhouse.config.ConfigException;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.config.Setting;
import java.util.List;

/** Reads the target table's columns from ClickHouse. */
public final class TableSchemaReader {

    private TableSchemaReader() {
    }

    /**
     * @throws ConfigException (TARGET_TABLE) if the table does not exist or has a column Shardhouse cannot write
     */
    public static TableSchema read(Client client, String database, String table) {
        String sql = "SELECT name, type, default_kind FROM system.columns WHERE database = "
                + Identifier.literal(database) + " AND table = " + Identifier.literal(table) + " ORDER BY position";
        List<Column> columns = client.queryAll(sql).stream().map(TableSchemaReader::column).toList();
        if (columns.isEmpty()) {
            throw new ConfigException(Setting.TARGET_TABLE.name(),
                    "table " + Identifier.qualified(database, table) + " does not exist");
        }
        return TableSchema.of(database, table, columns);
    }

    private static Column column(GenericRecord row) {
        return new Column(row.getString("name"), row.getString("type"), row.getString("default_kind"));
    }
}
