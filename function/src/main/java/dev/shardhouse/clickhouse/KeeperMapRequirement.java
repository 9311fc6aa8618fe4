package dev.shardhouse.clickhouse;

/**
 * Shardhouse keeps its checkpoints in KeeperMap tables, which a server can only hold with a keeper configured and
 * {@code keeper_map_path_prefix} set. A server without them refuses the table at start in its own terms; this says
 * what Shardhouse needs instead.
 */
public final class KeeperMapRequirement {

    static final String REQUIREMENT = "Shardhouse keeps its checkpoints in KeeperMap tables, so the server needs"
            + " ClickHouse Keeper or ZooKeeper configured (<zookeeper> in its configuration) and <keeper_map_path_prefix>"
            + " set (ClickHouse Cloud has both)";

    private static final int BAD_ARGUMENTS = 36;
    private static final int NO_ELEMENTS_IN_CONFIG = 139;
    private static final int NO_ZOOKEEPER = 225;

    private KeeperMapRequirement() {
    }

    /**
     * @return an error naming the requirement if {@code failure} is the server's lack of one, else {@code failure}
     */
    public static RuntimeException explained(RuntimeException failure, String url) {
        ClickHouseFailure server = ClickHouseFailure.of(failure);
        String text = server.message();
        String missing;
        if (server.code() == BAD_ARGUMENTS && text.contains("keeper_map_path_prefix")) {
            missing = "keeper_map_path_prefix is not set";
        } else if (server.code() == NO_ZOOKEEPER
                || server.code() == NO_ELEMENTS_IN_CONFIG && text.contains("no Zookeeper configuration")) {
            missing = "no keeper is configured";
        } else {
            return failure;
        }
        return new IllegalStateException("ClickHouse at " + url + " cannot hold the checkpoint tables: " + missing + ". "
                + REQUIREMENT + ". The server said: " + text, failure);
    }
}
