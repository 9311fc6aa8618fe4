package dev.shardhouse.dedup;

import java.util.List;

/**
 * A short digest of the exact positions a claim holds. The range's bounds and count alone do not tell two sets of
 * records apart: with ParallelizationFactor above 1 a batch of other partition keys can fall inside a pending claim's
 * bounds, and re-inserting its records under the claim's token would lose them (issue 12, case 11). A replay whose
 * records do not match the digest reads the claimed range back from Kinesis instead, and fails loudly if even that
 * does not match.
 */
public final class PositionsFingerprint {

    private PositionsFingerprint() {
    }

    /** 64 bits over every sequence and sub-sequence number in order: a check against mix-ups, not an adversary. */
    public static String of(List<Position> positions) {
        long hash = 0xcbf29ce484222325L;
        for (Position position : positions) {
            hash = (hash ^ position.sequence().hashCode()) * 0x100000001b3L;
            hash = (hash ^ position.subSequence()) * 0x100000001b3L;
        }
        return positions.size() + ":" + Long.toHexString(hash);
    }
}
