package dev.shardhouse.config;

import dev.shardhouse.map.RecordFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ingest function's configuration, read and validated once when the function starts.
 *
 * @param streamArn the stream the event source mapping reads, when the deployment names it
 */
public record IngestConfig(
        ClickHouseSettings clickHouse,
        String targetTable,
        RecordFormat recordFormat,
        String checkpointTable,
        String checkpointArchiveTable,
        String errorTable,
        DedupWindowCheck dedupWindowCheck,
        String metricsNamespace,
        Optional<String> streamArn) {

    /** What to do when the target table would not drop a repeated insert. */
    public enum DedupWindowCheck { FAIL, WARN }

    public static IngestConfig from(Environment env, Function<String, String> secretReader) {
        String target = env.requiredIdentifier(Setting.TARGET_TABLE);
        return new IngestConfig(
                ClickHouseSettings.from(env, secretReader),
                target,
                RecordFormat.parse(env.orDefault(Setting.RECORD_FORMAT, RecordFormat.JSON.name())),
                env.identifier(Setting.CHECKPOINT_TABLE, "shardhouse_checkpoints"),
                env.identifier(Setting.CHECKPOINT_ARCHIVE_TABLE, "shardhouse_checkpoints_archive"),
                env.identifier(Setting.ERROR_TABLE, target + "_shardhouse_errors"),
                env.choice(Setting.DEDUP_WINDOW_CHECK, DedupWindowCheck.class, DedupWindowCheck.FAIL),
                env.orDefault(Setting.METRICS_NAMESPACE, "Shardhouse"),
                env.optional(Setting.STREAM_ARN).map(present -> env.streamArn(Setting.STREAM_ARN)));
    }
}
