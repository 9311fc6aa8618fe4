package dev.shardhouse.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.clickhouse.client.api.ServerException;
import org.junit.jupiter.api.Test;

/** The servers' texts are those of ClickHouse 26.7 without the setting (bin/local-stack's chDB, other configs). */
class KeeperMapRequirementTest {

    private static final String URL = "http://127.0.0.1:8123";

    @Test
    void aServerWithoutThePathPrefixIsToldWhatShardhouseNeeds() {
        RuntimeException error = KeeperMapRequirement.explained(server(36,
                "KeeperMap is disabled because 'keeper_map_path_prefix' config is not defined. (BAD_ARGUMENTS)"), URL);

        assertEquals("ClickHouse at " + URL + " cannot hold the checkpoint tables: keeper_map_path_prefix is not set. "
                + KeeperMapRequirement.REQUIREMENT + ". The server said: Code: 36. DB::Exception: KeeperMap is disabled"
                + " because 'keeper_map_path_prefix' config is not defined. (BAD_ARGUMENTS) (queryId=q)", error.getMessage());
    }

    @Test
    void aServerWithoutAKeeperIsToldWhatShardhouseNeeds() {
        RuntimeException error = KeeperMapRequirement.explained(server(139,
                "There is no Zookeeper configuration in server config. (NO_ELEMENTS_IN_CONFIG)"), URL);

        assertEquals(true, error.getMessage().startsWith("ClickHouse at " + URL
                + " cannot hold the checkpoint tables: no keeper is configured. " + KeeperMapRequirement.REQUIREMENT),
                error.getMessage());
    }

    @Test
    void anyOtherFailureIsLeftAsItIs() {
        ServerException other = server(139, "There is no element 'remote_servers' in config. (NO_ELEMENTS_IN_CONFIG)");

        assertSame(other, KeeperMapRequirement.explained(other, URL));
    }

    private static ServerException server(int code, String text) {
        return new ServerException(code, "Code: " + code + ". DB::Exception: " + text + " (queryId=q)", 500, "q");
    }
}
