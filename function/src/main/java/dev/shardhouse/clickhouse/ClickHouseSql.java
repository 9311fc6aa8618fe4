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
import dev.shardhouse.config.Identifier;
import dev.shardhouse.config.Password;
import dev.shardhouse.deadline.DeadlineExceededException;
import dev.shardhouse.deadline.InvocationDeadline;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Statements with server-side query parameters ({@code {name:Type}}), so no value is ever spliced into SQL text.
 * Failures surface as the driver's own exception, unwrapped from the future, for {@link ClickHouseFailure}.
 *
 * <p>Within an invocation each call is bounded by the time it has left ({@link InvocationDeadline}): the socket
 * timeout of the request, and {@code max_execution_time} so that the server gives up too.
 */
public final class ClickHouseSql {

    private static final String MAX_EXECUTION_TIME = "max_execution_time";
    private final RenewingClient clients;
    private final InvocationDeadline deadline;

    /** A fixed client, whatever its password (tests, local runs), bounded only by the client's own timeouts. */
    public ClickHouseSql(Client client) {
        this(new RenewingClient(Password.fixed(""), password -> client), new InvocationDeadline());
    }

    /** As {@link #ClickHouseSql(ClickHouseSettings, InvocationDeadline)}, bounded only by the client's own timeouts. */
    public ClickHouseSql(ClickHouseSettings settings) {
        this(settings, new InvocationDeadline());
    }

    /**
     * A client for the settings, renewed when their password changes; a statement refused for its credentials
     * makes the password be read again, so that the next statement (or the retried batch) can succeed. Every call
     * is bounded by what {@code deadline} leaves of the invocation.
     */
    public ClickHouseSql(ClickHouseSettings settings, InvocationDeadline deadline) {
        this(settings.password(),
                password -> ClickHouseClients.create(settings.url(), settings.user(), password, settings.database()),
                deadline);
    }

    /** As above, each client built by {@code connect} for the password's current value. */
    public ClickHouseSql(Password password, Function<String, Client> connect, InvocationDeadline deadline) {
        this(new RenewingClient(password, connect), deadline);
    }

    private ClickHouseSql(RenewingClient clients, InvocationDeadline deadline) {
        this.clients = clients;
        this.deadline = deadline;
    }

    /**
     * Closes the client built so far; the next statement builds another. Only for clients this builds itself: a
     * fixed client ({@link #ClickHouseSql(Client)}) is its caller's to close.
     */
    public void disconnect() {
        clients.disconnect();
    }

    /** @return the rows the statement read, as the server reports them */
    public long execute(String sql, Map<String, Object> parameters, Map<String, String> serverSettings) {
        CommandSettings settings = new CommandSettings();
        serverSettings.forEach(settings::serverSetting);
        bound(settings);
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
     * @return the rows ClickHouse reports written (26.7 reports them for a repeated deduplication token too)
     */
    public long insert(String qualifiedTable, List<String> columns, DataStreamWriter rows, ClickHouseFormat format,
                       InsertSettings settings) {
        budget("an insert into " + qualifiedTable).ifPresent(budget -> {
            settings.setNetworkTimeout(budget.toMillis(), ChronoUnit.MILLIS);
            settings.serverSetting(MAX_EXECUTION_TIME, seconds(budget));
        });
        return call(client -> {
            try (InsertResponse response = await(client.insert(qualifiedTable, columns, rows, format, settings))) {
                return response.getWrittenRows();
            }
        });
    }

    /**
     * One insert of rows laid out as {@code layout} says: written in its structure's names and types
     * ({@code `name` Type, ...}, as {@code input()} takes them) in RowBinaryWithDefaults, read with its settings.
     * ClickHouse converts each value to its column's type at the moment of the insert, so bytes are never read as a
     * type they were not written in. A NULL for a column that is not Nullable becomes the column's default.
     *
     * <p>RowBinaryWithNamesAndTypesAndDefaults would say the same, but client-v2 (0.9.9, also 0.11) names the format
     * from its own enum, which lacks it, and writes {@code INSERT INTO <table> FORMAT <format>}: the SELECT from
     * {@code input()} rides in the table argument.
     *
     * @param condition SQL after the SELECT (a WHERE clause), or empty
     * @return the rows ClickHouse reports written (26.7 reports them for a repeated deduplication token too)
     */
    public long insertFromInput(String qualifiedTable, InputLayout layout, String condition, DataStreamWriter rows,
                                InsertSettings settings) {
        String target = qualifiedTable + " (" + String.join(", ", layout.columns()) + ") SELECT * FROM input("
                + Identifier.literal(layout.structure()) + ")" + (condition.isEmpty() ? "" : " " + condition);
        layout.settings().forEach(settings::serverSetting);
        return insert(target, List.of(), rows, ClickHouseFormat.RowBinaryWithDefaults,
                settings.serverSetting("insert_null_as_default", "1"));
    }

    /** How rows sent to {@code input()} are laid out (the mapping's {@code RowLayout}). */
    public interface InputLayout {

        /** The quoted target columns. */
        List<String> columns();

        /** {@code input()}'s structure of a row: {@code `name` Type, ...} in the columns' order. */
        String structure();

        /** The settings by which ClickHouse reads the rows' values as they are written. */
        Map<String, String> settings();
    }

    /** Which of {@code names} the server's {@code system.settings} lists: a query naming any other is refused. */
    public Set<String> knownSettings(Collection<String> names) {
        return query("SELECT name FROM system.settings WHERE has(splitByChar(',', {names:String}), name)",
                Map.of("names", String.join(",", names))).stream().map(row -> row.getString("name"))
                .collect(Collectors.toSet());
    }

    public List<GenericRecord> query(String sql, Map<String, Object> parameters) {
        QuerySettings settings = new QuerySettings();
        bound(settings);
        return call(client -> client.queryAll(sql, parameters, settings));
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

    private void bound(QuerySettings settings) {
        budget("a ClickHouse statement").ifPresent(budget -> {
            settings.setNetworkTimeout(budget.toMillis(), ChronoUnit.MILLIS);
            settings.serverSetting(MAX_EXECUTION_TIME, seconds(budget));
        });
    }

    /**
     * Waits for {@code call}, running on another thread, no longer than the invocation's time allows (a call whose
     * socket timeout was set when it began may outlast it: its request body waited on something else meanwhile).
     *
     * @throws DeadlineExceededException if the call has not ended in time: it may still complete
     */
    public <T> T awaitWithin(CompletableFuture<T> call, String what) {
        return await(call, budget(what), what);
    }

    /** The call's budget: the time left less what connecting may take before the socket timeout applies. */
    private Optional<Duration> budget(String call) {
        return deadline.budget(ClickHouseClients.CONNECT_TIMEOUT, call);
    }

    /** Whole seconds, rounded up: the server's setting would read 0 as no limit at all. */
    private static String seconds(Duration budget) {
        return Long.toString(Math.max(1, (budget.toMillis() + 999) / 1000));
    }

    /** Waits for a driver call, rethrowing its failure unwrapped. */
    private static <T> T await(CompletableFuture<T> future) {
        return await(future, Optional.empty(), "ClickHouse");
    }

    private static <T> T await(CompletableFuture<T> future, Optional<Duration> limit, String what) {
        try {
            return limit.isEmpty() ? future.get() : future.get(limit.get().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw DeadlineExceededException.waiting(what, limit.orElseThrow());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }
}
