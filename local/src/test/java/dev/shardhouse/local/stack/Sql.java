package dev.shardhouse.local.stack;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.query.GenericRecord;
import java.util.List;
import java.util.UUID;

/** Blocking SQL helpers for the stack tests. */
final class Sql {

    /** One database for the stack tests; every test names its own tables. */
    static final String DATABASE = "stack_it";

    private Sql() {
    }

    static void execute(Client client, String sql) throws Exception {
        try (CommandResponse ignored = client.execute(sql).get()) {
            // Nothing in the response is needed; closing it releases the connection.
        }
    }

    /** Makes system.query_log show every query that has finished so far. */
    static void flushLogs(Client client) throws Exception {
        execute(client, "SYSTEM FLUSH LOGS");
    }

    /** The value of a query that returns one row with one integer column. */
    static long queryLong(Client client, String sql) {
        return singleRow(client, sql).getLong(1);
    }

    /** The value of a query that returns one row with one String column. */
    static String queryString(Client client, String sql) {
        return singleRow(client, sql).getString(1);
    }

    /** A table name no other test run uses. */
    static String uniqueTable(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static GenericRecord singleRow(Client client, String sql) {
        List<GenericRecord> rows = client.queryAll(sql);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row from " + sql + " but got " + rows.size());
        }
        return rows.get(0);
    }
}
