package dev.shardhouse.clickhouse;

import com.clickhouse.client.api.Client;
import dev.shardhouse.config.Password;
import java.util.function.Function;

/**
 * The client-v2 client for the current password: a client holds its password for good, so when the
 * password changes (its cache lifetime ended, or ClickHouse refused it and the secret was read again) the next
 * statement gets a new client and the old one is closed.
 */
final class RenewingClient {

    private final Password password;
    private final Function<String, Client> build;
    private Client client;
    private String builtWith;

    /** @param build a client that connects with the given password */
    RenewingClient(Password password, Function<String, Client> build) {
        this.password = password;
        this.build = build;
    }

    synchronized Client current() {
        String now = password.current();
        if (client == null || !now.equals(builtWith)) {
            Client previous = client;
            client = build.apply(now);
            builtWith = now;
            if (previous != null) {
                // A statement still running on it keeps its connection until it ends: close() lets it finish.
                previous.close();
            }
        }
        return client;
    }

    /**
     * Closes the client, whose pooled connections a SnapStart snapshot would freeze: restored elsewhere, later, they
     * are no longer connections the server knows. The next {@link #current()} builds a new client.
     */
    synchronized void disconnect() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** ClickHouse refused the password: the next {@link #current()} uses the secret's password, read again. */
    void refused() {
        password.refused();
    }
}
