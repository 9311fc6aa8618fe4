package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.clickhouse.client.api.Client;
import dev.shardhouse.checkpoint.StreamIdentity;
import dev.shardhouse.clickhouse.ClickHouseClients;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.Password;
import dev.shardhouse.deadline.InvocationDeadline;
import dev.shardhouse.source.KinesisStreams;
import dev.shardhouse.testing.SteppingClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;

/**
 * What the hooks must rebuild after a restore, on the real caches: each test starts from what init left, restores,
 * and checks that the next use reads, connects or describes anew.
 */
class SnapshotRestoreTest {

    private static final String STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";

    private final SteppingClock clock = new SteppingClock();
    private String secret = "first";
    private int secretReads;
    private final Password password = Password.fromSecret(() -> {
        secretReads++;
        return secret;
    }, Duration.ofMinutes(15), clock);

    /** The clients built, each with the password it connects with. */
    private final List<Client> clients = new ArrayList<>();
    private final List<String> connectedWith = new ArrayList<>();
    private final ClickHouseSql clickHouse = new ClickHouseSql(password, current -> {
        connectedWith.add(current);
        Client client = ClickHouseClients.create("http://127.0.0.1:" + closedPort(), "default", current, "default");
        clients.add(client);
        return client;
    }, new InvocationDeadline());

    /** Each DescribeStreamSummary finds the stream created a second later: as if recreated between lookups. */
    private final Describing kinesis = new Describing();
    private final KinesisStreams streams = new KinesisStreams(kinesis);

    private final SnapshotRestore hooks = new SnapshotRestore(password, clickHouse, streams);

    @AfterEach
    void closeClients() {
        clients.forEach(Client::close);
    }

    @Test
    void theSecretIsReadAgainAtItsFirstUseAfterARestore() {
        assertEquals("first", password.current());
        secret = "rotated";
        assertEquals("first", password.current(), "within its lifetime, the password read at init is kept");

        hooks.afterRestore(null);

        assertEquals(1, secretReads, "read at its next use, not in the hook");
        assertEquals("rotated", password.current());
        assertEquals("rotated", password.current());
        assertEquals(2, secretReads);
    }

    @Test
    void theFirstStatementAfterARestoreConnectsWithANewClient() {
        statement();
        statement();
        assertEquals(1, clients.size(), "without a restore, the client is kept");

        hooks.beforeCheckpoint(null);
        hooks.afterRestore(null);
        statement();

        // The password did not change: only the hooks can have replaced the client.
        assertEquals(List.of("first", "first"), connectedWith);
        assertNotSame(clients.get(0), clients.get(1));
        assertEquals(2, secretReads);
    }

    @Test
    void theStreamIsDescribedAgainAfterARestore() {
        StreamIdentity atInit = streams.identity(STREAM);
        assertSame(atInit, streams.identity(STREAM));
        assertEquals(1, kinesis.describes);

        hooks.afterRestore(null);
        StreamIdentity restored = streams.identity(STREAM);

        assertEquals(2, kinesis.describes);
        assertEquals(atInit.createdMillis() + 1000, restored.createdMillis());
    }

    /** A statement the refused connection fails: only the client it was sent with matters here. */
    private void statement() {
        assertThrows(RuntimeException.class, () -> clickHouse.execute("SELECT 1"));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Describing implements KinesisClient {
        int describes;

        @Override
        public DescribeStreamSummaryResponse describeStreamSummary(DescribeStreamSummaryRequest request) {
            describes++;
            return DescribeStreamSummaryResponse.builder().streamDescriptionSummary(summary -> summary
                    .streamARN(request.streamARN())
                    .streamCreationTimestamp(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(describes))).build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }
}
