package dev.shardhouse.tracker;

import static dev.shardhouse.config.Setting.CHECKPOINT_ARCHIVE_TABLE;
import static dev.shardhouse.config.Setting.CHECKPOINT_TABLE;
import static dev.shardhouse.config.Setting.LINEAGE_TABLE;
import static dev.shardhouse.config.Setting.METRICS_NAMESPACE;
import static dev.shardhouse.config.Setting.RESHARD_EVENTS_TABLE;
import static dev.shardhouse.config.Setting.STALL_MINUTES;
import static dev.shardhouse.config.Setting.STREAM_ARN;
import static dev.shardhouse.config.Setting.TARGET_TABLE;

import dev.shardhouse.config.ClickHouseSettings;
import dev.shardhouse.config.ConfigException;
import dev.shardhouse.config.Environment;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The tracker's settings, read and checked once when the function starts.
 *
 * @param stallAfter how long a checkpoint may stand still while records wait before the shard counts as stalled
 */
public record TrackerConfig(
        ClickHouseSettings clickHouse,
        String streamArn,
        String targetTable,
        String checkpointTable,
        String archiveTable,
        String lineageTable,
        String eventsTable,
        Duration stallAfter,
        String metricsNamespace) {

    // CloudWatch's namespace rule: at most 255 of these characters, at least one of them not a space.
    private static final Pattern NAMESPACE = Pattern.compile("(?=.*[^ ])[A-Za-z0-9.\\-_/#: ]{1,255}");
    private static final int MAX_STALL_MINUTES = 7 * 24 * 60;

    /**
     * Reads the settings; their problems, all of them, are one {@link ConfigException} naming each variable.
     * Secrets Manager is asked for the ClickHouse password through {@code secretReader} only if the settings before
     * it are valid.
     */
    public static TrackerConfig from(Environment env, Function<String, String> secretReader) {
        String streamArn = env.streamArn(STREAM_ARN);
        return env.verified(new TrackerConfig(
                ClickHouseSettings.from(env, secretReader),
                streamArn,
                env.requiredIdentifier(TARGET_TABLE),
                env.identifier(CHECKPOINT_TABLE, "shardhouse_claims"),
                env.identifier(CHECKPOINT_ARCHIVE_TABLE, "shardhouse_claims_archive"),
                env.identifier(LINEAGE_TABLE, "shardhouse_shards"),
                env.identifier(RESHARD_EVENTS_TABLE, "shardhouse_reshard_events"),
                Duration.ofMinutes(env.intBetween(STALL_MINUTES, 15, 1, MAX_STALL_MINUTES)),
                env.matching(METRICS_NAMESPACE, "Shardhouse", NAMESPACE,
                        "a CloudWatch namespace: 1-255 of A-Z, a-z, 0-9, . - _ / # : and space")));
    }
}
