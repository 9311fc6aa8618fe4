package dev.shardhouse.tracker;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The few ways the tracker talks to ClickHouse, blocking. Values travel as server-side query parameters
 * ({@code {name:Type}}) or as JSON rows, never spliced into SQL text.
 */
final class Sql {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DATE_TIME64 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private Sql() {
    }

    static void execute(Client client, String sql) {
        execute(client, sql, Map.of());
    }

    static void execute(Client client, String sql, Map<String, Object> parameters) {
        release(await(client.execute(sql, parameters)));
    }

    static List<GenericRecord> query(Client client, String sql, Map<String, Object> parameters) {
        return client.queryAll(sql, parameters);
    }

    /** One JSONEachRow block; {@code settings} carries the deduplication token where one is wanted. */
    static void insert(Client client, String qualifiedTable, List<ObjectNode> rows, InsertSettings settings) {
        StringBuilder body = new StringBuilder();
        for (ObjectNode row : rows) {
            try {
                body.append(JSON.writeValueAsString(row)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render a row for " + qualifiedTable, e);
            }
        }
        ByteArrayInputStream data = new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8));
        release(await(client.insert(qualifiedTable, data, ClickHouseFormat.JSONEachRow, settings)));
    }

    static ObjectNode row() {
        return JSON.createObjectNode();
    }

    /** A DateTime64(3, 'UTC') value as ClickHouse parses it from text. */
    static String time(Instant instant) {
        return DATE_TIME64.format(instant);
    }

    private static void release(AutoCloseable response) {
        try {
            response.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot release a ClickHouse response", e);
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for ClickHouse", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("ClickHouse request failed", e.getCause());
        }
    }
}
