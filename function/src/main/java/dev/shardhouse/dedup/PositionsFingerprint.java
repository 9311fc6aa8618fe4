package dev.shardhouse.dedup;

import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a claim records of the exact positions it holds: a digest, and a filter that tells positions it certainly does
 * not hold. The range's bounds and count alone do not tell two sets of records apart: with ParallelizationFactor above
 * 1 a batch of other partition keys falls inside a claim's bounds (issue 12, case 11). Inside a pending claim, re-
 * inserting its records under the claim's token would lose them: a replay whose records do not match the digest reads
 * the claimed range back from Kinesis instead, and fails loudly if even that does not match. Inside a committed claim,
 * they would be skipped as already stored: the filter tells them apart (with one shard read by one batch at a time,
 * every position inside a claim's bounds is one of its records, so the filter never refuses a true member).
 *
 * <p>Written as {@code count:digest:filter}; an earlier version wrote {@code count:digest} alone, which matches as
 * before and filters nothing.
 */
public final class PositionsFingerprint {

    /** About 1 % of foreign positions pass the filter (10 bits and 7 probes per position). */
    private static final int BITS_PER_POSITION = 10;
    private static final int PROBES = 7;
    private static final int MIN_BITS = 64;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private PositionsFingerprint() {
    }

    public static String of(List<Position> positions) {
        int bits = Math.max(MIN_BITS, (positions.size() * BITS_PER_POSITION + 7) / 8 * 8);
        byte[] filter = new byte[bits / 8];
        for (Position position : positions) {
            long hash = hash(position);
            for (int probe = 0; probe < PROBES; probe++) {
                int bit = bit(hash, probe, bits);
                filter[bit >>> 3] |= (byte) (1 << (bit & 7));
            }
        }
        return digest(positions) + ":" + ENCODER.encodeToString(filter);
    }

    /** {@code count:digest}: how a message names a set of positions. */
    public static String digest(List<Position> positions) {
        long hash = 0xcbf29ce484222325L;
        for (Position position : positions) {
            hash = (hash ^ position.sequence().hashCode()) * 0x100000001b3L;
            hash = (hash ^ position.subSequence()) * 0x100000001b3L;
        }
        return positions.size() + ":" + Long.toHexString(hash);
    }

    /** Whether {@code fingerprint} was made of exactly {@code positions} (a check against mix-ups, not an adversary). */
    public static boolean matches(String fingerprint, List<Position> positions) {
        return digestOf(fingerprint).equals(digest(positions));
    }

    /** The {@code count:digest} part of a fingerprint. */
    public static String digestOf(String fingerprint) {
        int second = fingerprint.indexOf(':', fingerprint.indexOf(':') + 1);
        return second < 0 ? fingerprint : fingerprint.substring(0, second);
    }

    /**
     * A test that is false only for a position certainly not among those {@code fingerprint} was made of; always true
     * for a fingerprint without a filter.
     */
    public static Predicate<Position> mightHold(String fingerprint) {
        String digest = digestOf(fingerprint);
        if (digest.length() == fingerprint.length()) {
            return position -> true;
        }
        byte[] filter = Base64.getUrlDecoder().decode(fingerprint.substring(digest.length() + 1));
        int bits = filter.length * 8;
        return position -> {
            long hash = hash(position);
            for (int probe = 0; probe < PROBES; probe++) {
                int bit = bit(hash, probe, bits);
                if ((filter[bit >>> 3] & (1 << (bit & 7))) == 0) {
                    return false;
                }
            }
            return true;
        };
    }

    private static long hash(Position position) {
        long hash = position.sequence().hashCode() * 0x9E3779B97F4A7C15L + position.subSequence();
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        return hash ^ (hash >>> 33);
    }

    /** Double hashing: probe i at h1 + i·h2 (h2 odd), modulo the filter's bits. */
    private static int bit(long hash, int probe, int bits) {
        long h1 = hash & 0xffffffffL;
        long h2 = (hash >>> 32) | 1;
        return (int) Long.remainderUnsigned(h1 + probe * h2, bits);
    }
}
