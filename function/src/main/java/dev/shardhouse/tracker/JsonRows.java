package dev.shardhouse.tracker;

import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shardhouse.clickhouse.ClickHouseSql;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Lineage and event rows travel as JSONEachRow: arrays and UInt128 values need no SQL literals that way, and no
 * value is ever spliced into SQL text.
 */
final class JsonRows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DATE_TIME64 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private JsonRows() {
    }

    static ObjectNode row() {
        return JSON.createObjectNode();
    }

    /** A DateTime64(3, 'UTC') value as ClickHouse parses it from text. */
    static String time(Instant instant) {
        return DATE_TIME64.format(instant);
    }

    /** One block; {@code settings} carries the deduplication token where one is wanted. */
    static void insert(ClickHouseSql sql, String qualifiedTable, List<ObjectNode> rows, InsertSettings settings) {
        StringBuilder body = new StringBuilder();
        for (ObjectNode row : rows) {
            try {
                body.append(JSON.writeValueAsString(row)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render a row for " + qualifiedTable, e);
            }
        }
        byte[] data = body.toString().getBytes(StandardCharsets.UTF_8);
        sql.insert(qualifiedTable, List.of(), out -> out.write(data), ClickHouseFormat.JSONEachRow, settings);
    }
}
