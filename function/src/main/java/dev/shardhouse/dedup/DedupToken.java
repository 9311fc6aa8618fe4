package dev.shardhouse.dedup;

/**
 * The {@code insert_deduplication_token} of a range: the shard's checkpoint key (stream ARN, stream creation time,
 * shard id) and the exact first and last positions, sub-sequence included. It is built from the range actually
 * inserted, after already-committed records are dropped — the Kafka Connect sink builds it from the untrimmed
 * range, so its retried insert is not recognised.
 */
public final class DedupToken {

    private DedupToken() {
    }

    public static String of(String checkpointKey, Position first, Position last) {
        return checkpointKey + "|" + first + "-" + last;
    }
}
