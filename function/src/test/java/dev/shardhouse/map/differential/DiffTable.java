package dev.shardhouse.map.differential;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.shardhouse.config.Identifier;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** One table {@code (id UInt32, v <type>)} of the differential run: created empty, written, read back. */
final class DiffTable {

    static final List<String> COLUMNS = List.of("`id`", "`v`");

    private final Client client;
    private final String database;
    private final String name;

    DiffTable(Client client, String database, String name) {
        this.client = client;
        this.database = database;
        this.name = name;
    }

    String database() {
        return database;
    }

    String name() {
        return name;
    }

    String qualified() {
        return Identifier.qualified(database, name);
    }

    void create(String type) {
        execute("DROP TABLE IF EXISTS " + qualified());
        // ClickHouse builds a Nullable tuple only when asked to.
        execute("CREATE TABLE " + qualified() + " (id UInt32, v " + type + ") ENGINE = MergeTree ORDER BY id"
                + (type.contains("Nullable(Tuple(") ? " SETTINGS enable_nullable_tuple_type = 1" : ""));
    }

    void truncate() {
        execute("TRUNCATE TABLE " + qualified());
    }

    /** Inserts a body in one statement; throws what ClickHouse answers when it refuses it. */
    void insert(byte[] body, ClickHouseFormat format, Map<String, String> settings) throws Exception {
        InsertSettings insertSettings = new InsertSettings();
        settings.forEach(insertSettings::serverSetting);
        client.insert(qualified(), COLUMNS, new ByteArrayInputStream(body), format, insertSettings)
                .get(60, TimeUnit.SECONDS).close();
    }

    /**
     * Stored values by id, each as TabSeparated prints it. A value ClickHouse cannot print (an Enum code that names no
     * element, which its own JSON input stores for a missing value) reads as {@code <unreadable: reason>}.
     */
    Map<Integer, String> values() {
        try {
            return query("SELECT id, v FROM " + qualified() + " ORDER BY id");
        } catch (Exception unreadable) {
            Map<Integer, String> values = new TreeMap<>();
            for (Integer id : query("SELECT id, 0 FROM " + qualified() + " ORDER BY id").keySet()) {
                try {
                    values.putAll(query("SELECT id, v FROM " + qualified() + " WHERE id = " + id));
                } catch (Exception e) {
                    values.put(id, "<unreadable: " + reason(e) + ">");
                }
            }
            return values;
        }
    }

    private Map<Integer, String> query(String sql) {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.TabSeparated);
        try (QueryResponse response = client.query(sql, settings).get(60, TimeUnit.SECONDS)) {
            String text = new String(response.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Map<Integer, String> values = new TreeMap<>();
            text.lines().forEach(line -> {
                int tab = line.indexOf('\t');
                values.put(Integer.parseInt(line.substring(0, tab)), line.substring(tab + 1));
            });
            return values;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + qualified() + ": " + reason(e), e);
        }
    }

    private void execute(String sql) {
        try {
            client.execute(sql).get(60, TimeUnit.SECONDS).close();
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first line of ClickHouse's answer, without the server's version suffix: enough to say why. */
    static String reason(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getMessage() != null && !cause.getMessage().contains("Code:")) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        int code = message.indexOf("Code:");
        String line = (code < 0 ? message : message.substring(code)).lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
