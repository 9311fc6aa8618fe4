package dev.shardhouse.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.shardhouse.clickhouse.ClickHouseFailure;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.testing.LocalServices;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A KeeperMap compare-and-set that loses (strict mode, key already there) reaches Shardhouse as a keeper conflict,
 * with the real error code, a readable message, and exactly one attempt: the production client does not resend it.
 */
class KeeperMapConflictIT {

    private Client client;
    private String table;

    @BeforeEach
    void createTable() throws Exception {
        client = LocalServices.clickHouse("default");
        String name = Sql.uniqueTable("keeper_conflict");
        table = Identifier.qualified(Sql.DATABASE, name);
        Sql.execute(client, "CREATE DATABASE IF NOT EXISTS " + Identifier.quote(Sql.DATABASE));
        Sql.execute(client, "CREATE TABLE " + table + " (key String, value UInt64)"
                + " ENGINE = KeeperMap('/" + Sql.DATABASE + "/" + name + "') PRIMARY KEY key");
        Sql.execute(client, "INSERT INTO " + table + " VALUES ('shard-1', 1)");
    }

    @AfterEach
    void dropTable() throws Exception {
        Sql.execute(client, "DROP TABLE IF EXISTS " + table);
        client.close();
    }

    @Test
    void insertOfAnExistingKeyInStrictModeIsAKeeperConflictSentOnce() throws Exception {
        String queryId = "stack-keeper-conflict-" + UUID.randomUUID();
        InsertSettings strict = new InsertSettings().setQueryId(queryId).serverSetting("keeper_map_strict_mode", "1");

        Exception thrown = assertThrows(Exception.class, () -> client.insert(table,
                new ByteArrayInputStream("shard-1\t2\n".getBytes(StandardCharsets.UTF_8)),
                ClickHouseFormat.TabSeparated, strict).get());
        ClickHouseFailure failure = ClickHouseFailure.of(thrown);

        assertEquals(999, failure.code());
        assertTrue(failure.isKeeperConflict(), failure::toString);
        assertFalse(failure.isRetryable(), failure::toString);
        assertFalse(failure.message().contains("<Unreadable error message>"), failure.message());
        assertTrue(failure.message().contains(queryId), failure.message());
        // Why ClickHouseFailure rewrites the message: client-v2 0.9.9 drops the server's text of a keeper error.
        ServerException driverError = assertInstanceOf(ServerException.class, thrown);
        assertTrue(driverError.getMessage().contains("<Unreadable error message>"), driverError.getMessage());

        assertEquals(1, Sql.queryLong(client, "SELECT value FROM " + table + " WHERE key = 'shard-1'"),
                "the existing row is untouched");
        Sql.flushLogs(client);
        assertTrue(Sql.queryString(client, "SELECT exception FROM system.query_log WHERE query_id = "
                        + Identifier.literal(queryId) + " AND type = 'ExceptionWhileProcessing'").contains("(Node exists)"),
                "the server's own text, where ClickHouseFailure's message points");
        assertEquals(2, insertsStarted(), "the setup INSERT and one attempt of the conflicting INSERT, no resend");
    }

    @Test
    void theAttemptCountWouldSeeADriverThatRetries() throws Exception {
        // The same conflicting INSERT through a client with the driver's default retries (3): if the production
        // client retried, insertsStarted() would show it, so the "sent once" assertion above can fail.
        try (Client retrying = new Client.Builder().addEndpoint(LocalServices.clickHouseUrl()).setUsername("default")
                .setPassword("").setDefaultDatabase("default").build()) {
            assertThrows(Exception.class, () -> retrying.insert(table,
                    new ByteArrayInputStream("shard-1\t2\n".getBytes(StandardCharsets.UTF_8)),
                    ClickHouseFormat.TabSeparated,
                    new InsertSettings().serverSetting("keeper_map_strict_mode", "1")).get());
        }
        Sql.flushLogs(client);
        assertEquals(1 + 4, insertsStarted(), "the setup INSERT, then one attempt and three driver retries");
    }

    private long insertsStarted() {
        return Sql.queryLong(client, "SELECT count() FROM system.query_log WHERE type = 'QueryStart'"
                + " AND query_kind = 'Insert' AND has(tables, " + Identifier.literal(table.replace("`", "")) + ")");
    }
}
