package dev.shardhouse.config;

import dev.shardhouse.map.RecordFormat;
import dev.shardhouse.map.UnmatchedKeysPolicy;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The ingest function's configuration, read and validated once when the function starts.
 *
 * @param maximumRecordAgeSeconds how long the event source mapping retries a failing batch, in seconds;
 *                                {@link #UNTIL_RECORDS_EXPIRE} until its records leave the stream
 * @param streamArn the stream the event source mapping reads, when the deployment names it
 */
public record IngestConfig(
        ClickHouseSettings clickHouse,
        String targetTable,
        RecordFormat recordFormat,
        UnmatchedKeysPolicy unmatchedKeys,
        String checkpointTable,
        String checkpointArchiveTable,
        String errorTable,
        DedupWindowCheck dedupWindowCheck,
        int maximumRecordAgeSeconds,
        String metricsNamespace,
        Optional<String> streamArn) {

    /** -1 or 60..604800, as the stack's MaximumRecordAgeSeconds parameter (infra ShardhouseParameters). */
    private static final Pattern MAXIMUM_RECORD_AGE =
            Pattern.compile("-1|[6-9][0-9]|[1-9][0-9]{2,4}|[1-5][0-9]{5}|60[0-3][0-9]{3}|604[0-7][0-9]{2}|604800");

    /** The mapping's MaximumRecordAgeSeconds of -1: a batch is retried as long as the stream keeps its records. */
    public static final int UNTIL_RECORDS_EXPIRE = -1;

    /** What to do when the target table would not drop a repeated insert. */
    public enum DedupWindowCheck { FAIL, WARN }

    public static IngestConfig from(Environment env, Function<String, String> secretReader) {
        String target = env.requiredIdentifier(Setting.TARGET_TABLE);
        return env.verified(new IngestConfig(
                ClickHouseSettings.from(env, secretReader),
                target,
                env.parsed(Setting.RECORD_FORMAT, RecordFormat.JSON.name(), RecordFormat::parse, RecordFormat.JSON),
                env.choice(Setting.UNMATCHED_KEYS, UnmatchedKeysPolicy.class, UnmatchedKeysPolicy.ACCEPT),
                env.identifier(Setting.CHECKPOINT_TABLE, "shardhouse_claims"),
                env.identifier(Setting.CHECKPOINT_ARCHIVE_TABLE, "shardhouse_claims_archive"),
                env.identifier(Setting.ERROR_TABLE, target + "_shardhouse_errors"),
                env.choice(Setting.DEDUP_WINDOW_CHECK, DedupWindowCheck.class, DedupWindowCheck.FAIL),
                maximumRecordAge(env),
                env.orDefault(Setting.METRICS_NAMESPACE, "Shardhouse"),
                env.optional(Setting.STREAM_ARN).map(present -> env.streamArn(Setting.STREAM_ARN))));
    }

    /** The range the event source mapping accepts. */
    private static int maximumRecordAge(Environment env) {
        return Integer.parseInt(env.matching(Setting.MAXIMUM_RECORD_AGE_SECONDS, Integer.toString(UNTIL_RECORDS_EXPIRE),
                MAXIMUM_RECORD_AGE, "-1, or a whole number of seconds from 60 to 604800"));
    }
}
