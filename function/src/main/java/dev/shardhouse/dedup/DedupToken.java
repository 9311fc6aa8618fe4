package dev.shardhouse.dedup;

/**
 * The {@code insert_deduplication_token} of a claim: the shard's checkpoint key (pipeline, stream ARN, stream creation
 * time, shard id), the exact first and last positions (sub-sequence included) and an id unique to the claim. It is
 * built from the range actually inserted, after already-committed records are dropped — the Kafka Connect sink builds
 * it from the untrimmed range, so its retried insert is not recognised. The claim id makes the first insert of a claim
 * certainly new: a refusal of it proves nothing went in, so the claim can be released or its rows isolated without
 * guessing whether an earlier claim of the same range landed.
 */
public final class DedupToken {

    private DedupToken() {
    }

    public static String of(String checkpointKey, Position first, Position last, String claimId) {
        return checkpointKey + "|" + first + "-" + last + "#" + claimId;
    }
}
