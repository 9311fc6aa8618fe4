package dev.shardhouse.insert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InsertDeduplicationTest {

    private static final String SERVER_SETTING = "clickhouse_setting_";

    @Test
    void sendsOnlyTheSettingsTheServerKnowsWithTheValuesExactlyOnceNeeds() {
        InsertDeduplication old = InsertDeduplication.forServerKnowing(Set.of("insert_deduplicate", "async_insert", "other"));

        assertEquals(Map.of("insert_deduplicate", "1", "async_insert", "0"), old.serverSettings());
        // client-v2 keeps server settings under this prefix; the token is one of them.
        assertEquals(Map.of(
                "insert_deduplication_token", "T",
                "insert_deduplicate", "1",
                "async_insert", "0"), old.settings("T").getAllSettings().entrySet().stream()
                .filter(setting -> setting.getKey().startsWith(SERVER_SETTING))
                .collect(Collectors.toMap(setting -> setting.getKey().substring(SERVER_SETTING.length()),
                        setting -> String.valueOf(setting.getValue()))));
    }

    @Test
    void aCurrentServerGetsEveryRequiredSetting() {
        assertEquals(Map.of(
                "insert_deduplicate", "1",
                "deduplicate_insert", "enable",
                "deduplicate_blocks_in_dependent_materialized_views", "1",
                "async_insert", "0",
                "max_insert_block_size", "4294967296",
                "min_insert_block_size_rows", "4294967296",
                "min_insert_block_size_bytes", "1125899906842624",
                "max_insert_block_size_bytes", "0"),
                InsertDeduplication.forServerKnowing(InsertDeduplication.REQUIRED.keySet()).serverSettings());
    }
}
