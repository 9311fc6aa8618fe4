package dev.shardhouse.clickhouse;

import com.clickhouse.client.api.Client;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** Builds the ClickHouse client-v2 the way Shardhouse needs it. */
public final class ClickHouseClients {

    /**
     * Connecting is bounded by this, not by a call's budget (the driver sets it per connection pool): each call's
     * socket timeout leaves it out of the invocation's time left. Short, as a connection is made within a region.
     */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private ClickHouseClients() {
    }

    /**
     * The driver's own retries are off: it would resend a KeeperMap compare-and-set that lost a race
     * (code 999 is on its retryable list), and every retry decision here belongs to the exactly-once protocol.
     */
    public static Client create(String url, String user, String password, String database) {
        return builder(url, user, password, database).build();
    }

    /** The builder behind {@link #create}, for a client that needs more (tests add server-side defaults). */
    public static Client.Builder builder(String url, String user, String password, String database) {
        return new Client.Builder()
                .addEndpoint(url)
                .setUsername(user)
                .setPassword(password == null ? "" : password)
                .setDefaultDatabase(database)
                .setMaxRetries(0)
                .setConnectTimeout(CONNECT_TIMEOUT.toMillis(), ChronoUnit.MILLIS)
                .setSocketTimeout(120, ChronoUnit.SECONDS)
                .compressServerResponse(false);
    }
}
