package dev.shardhouse.insert;

import com.clickhouse.client.api.insert.InsertSettings;
import dev.shardhouse.clickhouse.ClickHouseSql;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The server settings every insert of records carries besides its token, so that a repeated insert is dropped
 * whatever the user's profile, the server's defaults or the client's defaults say: a profile with
 * {@code deduplicate_insert = 'disable'} would otherwise turn a retry after a crash into a second copy, and one with
 * small insert blocks would split an insert into blocks stored one by one.
 * <p>
 * A server refuses a query naming a setting it does not know (code 115), so the names to send are decided once, at
 * start-up, from {@code system.settings}: {@code deduplicate_insert} exists only on newer servers, where it
 * overrides {@code insert_deduplicate}.
 */
public final class InsertDeduplication {

    /** Every setting exactly-once relies on, with the value it needs, in the order they are sent. */
    public static final Map<String, String> REQUIRED = required();

    private static final String ONE_BLOCK_ROWS = "4294967296";
    private static final String ONE_BLOCK_BYTES = "1125899906842624";

    private final Map<String, String> settings;

    private InsertDeduplication(Map<String, String> settings) {
        this.settings = settings;
    }

    private static Map<String, String> required() {
        Map<String, String> required = new LinkedHashMap<>();
        // The only switch before deduplicate_insert existed; it still counts where deduplicate_insert is
        // 'backward_compatible_choice'.
        required.put("insert_deduplicate", "1");
        // Where it exists it overrides insert_deduplicate, so insert_deduplicate = 1 alone does not undo a 'disable'.
        required.put("deduplicate_insert", "enable");
        // A retry must not push its block into the materialized views a second time either.
        required.put("deduplicate_blocks_in_dependent_materialized_views", "1");
        // An asynchronous insert may be acknowledged before it is written (wait_for_async_insert = 0): the
        // checkpoint would then commit rows a crash can still lose.
        required.put("async_insert", "0");
        // One block per insert, whatever a profile says: ClickHouse commits a longer insert block by block, each under
        // its own token (token_0, token_1, …), so a refusal in a later block would leave the earlier ones stored
        // (a refusal must mean nothing was stored), and a retry split otherwise than its attempt would store again
        // the blocks whose rows moved. 2^32 rows is the most the server takes; no batch comes near it or 2^50 bytes.
        required.put("max_insert_block_size", ONE_BLOCK_ROWS);
        required.put("min_insert_block_size_rows", ONE_BLOCK_ROWS);
        required.put("min_insert_block_size_bytes", ONE_BLOCK_BYTES);
        required.put("max_insert_block_size_bytes", "0"); // no limit
        return Collections.unmodifiableMap(required);
    }

    /** Reads which of the {@link #REQUIRED} settings the server knows. */
    public static InsertDeduplication read(ClickHouseSql sql) {
        return forServerKnowing(sql.knownSettings(REQUIRED.keySet()));
    }

    /** The settings for a server whose {@code system.settings} lists {@code known}. */
    public static InsertDeduplication forServerKnowing(Collection<String> known) {
        Set<String> names = Set.copyOf(known);
        Map<String, String> sent = new LinkedHashMap<>();
        REQUIRED.forEach((name, value) -> {
            if (names.contains(name)) {
                sent.put(name, value);
            }
        });
        return new InsertDeduplication(Collections.unmodifiableMap(sent));
    }

    /** The settings of one insert of records carrying {@code token} as its {@code insert_deduplication_token}. */
    public InsertSettings settings(String token) {
        InsertSettings insert = new InsertSettings().setDeduplicationToken(token);
        settings.forEach(insert::serverSetting);
        return insert;
    }

    /** The server settings sent with every insert besides the token, by name. */
    public Map<String, String> serverSettings() {
        return settings;
    }
}
