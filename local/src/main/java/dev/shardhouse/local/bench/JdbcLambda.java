package dev.shardhouse.local.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * The baseline: the Kinesis-to-ClickHouse Lambda a user would write by hand. Jackson parses each record into an
 * event class, clickhouse-jdbc's {@code addBatch}/{@code executeBatch} inserts the batch, driver defaults
 * throughout. It has no deduplication and no checkpoint, so it is at-least-once: less work than the handler does.
 */
final class JdbcLambda implements RequestHandler<KinesisEvent, Void> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;
    private final String insert;

    JdbcLambda(String jdbcUrl, String table) {
        try {
            this.connection = DriverManager.getConnection(jdbcUrl, "default", "");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + jdbcUrl, e);
        }
        this.insert = "INSERT INTO " + table + " (event_id, ts, user_id, event_type, amount, payload) VALUES (?, ?, ?, ?, ?, ?)";
    }

    @Override
    public Void handleRequest(KinesisEvent event, Context context) {
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
                ClickEvent click = parse(record.getKinesis().getData());
                statement.setString(1, click.eventId());
                statement.setTimestamp(2, Timestamp.valueOf(click.ts()));
                statement.setLong(3, click.userId());
                statement.setString(4, click.eventType());
                statement.setDouble(5, click.amount());
                statement.setString(6, click.payload());
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("insert failed", e);
        }
        return null;
    }

    private static ClickEvent parse(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        try {
            return JSON.readValue(bytes, ClickEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record ClickEvent(@JsonProperty("event_id") String eventId, @JsonProperty("ts") String ts,
                      @JsonProperty("user_id") long userId, @JsonProperty("event_type") String eventType,
                      @JsonProperty("amount") double amount, @JsonProperty("payload") String payload) {
    }
}
