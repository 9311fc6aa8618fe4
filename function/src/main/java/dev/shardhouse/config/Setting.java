package dev.shardhouse.config;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every environment variable the functions read. The CDK stack sets exactly these (its tests check it against
 * this list), so a name lives in one place.
 */
public enum Setting {
    CLICKHOUSE_URL(Use.BOTH, "https://host:port of ClickHouse's HTTP interface (http:// only to a loopback address or with CLICKHOUSE_ALLOW_HTTP)"),
    CLICKHOUSE_ALLOW_HTTP(Use.BOTH, "true to accept a plain http:// CLICKHOUSE_URL to another host, sending the password in clear (default: false)"),
    CLICKHOUSE_USER(Use.BOTH, "ClickHouse user (default: default)"),
    CLICKHOUSE_PASSWORD(Use.BOTH, "ClickHouse password in clear; for local runs only, prefer the secret"),
    CLICKHOUSE_PASSWORD_SECRET_ARN(Use.BOTH, "ARN of a Secrets Manager secret holding the password (plain or JSON with 'password')"),
    CLICKHOUSE_PASSWORD_CACHE_SECONDS(Use.BOTH, "seconds a password read from the secret is used before it is read again, 60 to 86400 (default: 900); a password ClickHouse refuses is read again at once"),
    CLICKHOUSE_DATABASE(Use.BOTH, "database of the target, checkpoint and error tables (default: default)"),
    TARGET_TABLE(Use.BOTH, "table the records are inserted into; must exist (the tracker keeps to its checkpoints)"),
    RECORD_FORMAT(Use.INGEST, "JSON, CSV, TSV or RAW (default: JSON)"),
    UNMATCHED_KEYS(Use.INGEST, "ACCEPT (default) or REJECT: whether a JSON record with a key that names no column, or"
            + " leaving out a column without a DEFAULT, is inserted (counted as UnknownKeys, MissingColumns) or sent to the"
            + " error table naming them"),
    CHECKPOINT_TABLE(Use.BOTH, "KeeperMap table of per-shard checkpoints (default: shardhouse_claims)"),
    ERROR_TABLE(Use.INGEST, "table for records that cannot be decoded or mapped (default: <TARGET_TABLE>_shardhouse_errors)"),
    DEDUP_WINDOW_CHECK(Use.INGEST, "FAIL or WARN when the target table does not deduplicate inserts (default: FAIL)"),
    MAXIMUM_RECORD_AGE_SECONDS(Use.INGEST, "the event source mapping's MaximumRecordAgeSeconds, how long a failing batch is retried:"
            + " -1 (default) until its records expire from the stream, or 60 to 604800; the deduplication window must last as long"),
    METRICS_NAMESPACE(Use.BOTH, "CloudWatch namespace of the EMF metrics (default: Shardhouse)"),
    LINEAGE_TABLE(Use.TRACKER, "table of shard lineage (default: shardhouse_shards)"),
    RESHARD_EVENTS_TABLE(Use.TRACKER, "table of reshard events (default: shardhouse_reshard_events)"),
    CHECKPOINT_ARCHIVE_TABLE(Use.BOTH, "table of retired checkpoints (default: shardhouse_claims_archive)"),
    STREAM_ARN(Use.BOTH, "ARN of the stream the event source mapping reads: the tracker follows it (required); the ingest function looks its identity up during init instead of on the first batch (optional)"),
    STALL_MINUTES(Use.TRACKER, "minutes a checkpoint may stand still while records arrive before its shard counts as stalled (default: 15)");

    /** Which function reads a setting. */
    public enum Use { INGEST, TRACKER, BOTH }

    private final Use use;
    private final String description;

    Setting(Use use, String description) {
        this.use = use;
        this.description = description;
    }

    public String description() {
        return description;
    }

    public boolean readByIngest() {
        return use != Use.TRACKER;
    }

    public boolean readByTracker() {
        return use != Use.INGEST;
    }

    public static Set<String> namesReadByIngest() {
        return names(Setting::readByIngest);
    }

    public static Set<String> namesReadByTracker() {
        return names(Setting::readByTracker);
    }

    private static Set<String> names(java.util.function.Predicate<Setting> filter) {
        return Arrays.stream(values()).filter(filter).map(Enum::name).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
