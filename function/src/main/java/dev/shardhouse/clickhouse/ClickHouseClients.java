package dev.shardhouse.clickhouse;

import com.clickhouse.client.api.Client;
import java.time.temporal.ChronoUnit;

/** Builds the ClickHouse client-v2 the way Shardhouse needs it. */
public final class ClickHouseClients {

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
                .setConnectTimeout(5, ChronoUnit.SECONDS)
                .setSocketTimeout(120, ChronoUnit.SECONDS)
                .compressServerResponse(false);
    }
}
