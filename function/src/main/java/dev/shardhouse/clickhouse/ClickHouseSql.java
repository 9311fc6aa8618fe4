package dev.shardhouse.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.DataStreamWriter;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.shardhouse.config.ClickHouseSettings;
import dev.shardhouse.config.Password;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Statements with server-side query parameters ({@code {name:Type}}), so no value is ever spliced into SQL text.
 * Failures surface as the driver's own exception, unwrapped from the future, for {@link ClickHouseFailure}.
 */
public final class ClickHouseSql {

    private final RenewingClient clients;

    /** A fixed client, whatever its password (tests, local runs): its password never changes here. */
    public ClickHouseSql(Client client) {
        this.clients = new RenewingClient(Password.fixed(""), password -> client);
    }

    /**
     * A client for the settings, renewed when their password changes; a statement refused for its credentials
     * makes the password be read again, so that the next statement (or the retried batch) can succeed.
     */
    public ClickHouseSql(ClickHouseSettings settings) {
        this.clients = new RenewingClient(settings.password(),
                password -> ClickHouseClients.create(settings.url(), settings.user(), password, settings.database()));
    }

    /** @return the rows the statement read, as the server reports them */
    public long execute(String sql, Map<String, Object> parameters, Map<String, String> serverSettings) {
        CommandSettings settings = new CommandSettings();
        serverSettings.forEach(settings::serverSetting);
        return call(client -> {
            try (CommandResponse response = await(client.execute(sql, parameters, settings))) {
                return response.getReadRows();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot release a ClickHouse response", e);
            }
        });
    }

    public void execute(String sql) {
        execute(sql, Map.of(), Map.of());
    }

    /**
     * One insert, its rows streamed by {@code rows} in {@code format}.
     *
     * @param columns quoted column names, or empty for all columns in table order
     * @return rows ClickHouse wrote (0 when it dropped the insert as a repeated deduplication token)
     */
    public long insert(String qualifiedTable, List<String> columns, DataStreamWriter rows, ClickHouseFormat format,
                       InsertSettings settings) {
        return call(client -> {
            try (InsertResponse response = await(client.insert(qualifiedTable, columns, rows, format, settings))) {
                return response.getWrittenRows();
            }
        });
    }

    public List<GenericRecord> query(String sql, Map<String, Object> parameters) {
        return call(client -> client.queryAll(sql, parameters, new QuerySettings()));
    }

    /** Runs one statement; a refusal of the credentials is reported to the password before it is rethrown. */
    private <T> T call(Function<Client, T> statement) {
        try {
            return statement.apply(clients.current());
        } catch (RuntimeException e) {
            if (ClickHouseFailure.of(e).isAuthenticationFailure()) {
                clients.refused();
            }
            throw e;
        }
    }

    /** Waits for a driver call, rethrowing its failure unwrapped. */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for ClickHouse", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }
}
