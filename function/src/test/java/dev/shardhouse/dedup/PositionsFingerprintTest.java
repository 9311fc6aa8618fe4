package dev.shardhouse.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A claim's fingerprint names exactly its positions, and its filter never refuses one of them while refusing almost
 * every other position inside the claim's bounds: what a batch of other partition keys (ParallelizationFactor above 1)
 * would hold.
 */
class PositionsFingerprintTest {

    private static final String SEQUENCE = "49590338271490256608559692538361571095921575989136588898";
    private static final String NEXT = "49590338271490256608559692540925702759324208523137515618";
    private static final BigInteger BASE = new BigInteger("49590338271490256608559692538361571095921575989136588898");

    /** Every {@code step}-th position from {@code offset}, as a shard's records of one set of partition keys. */
    private static List<Position> every(int step, int offset, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new Position(BASE.add(BigInteger.valueOf((long) i * step + offset)), 0)).toList();
    }

    @Test
    void theFilterHoldsEveryClaimedPositionAndRefusesNearlyAllOthers() {
        List<Position> claimed = every(2, 0, 1000);
        List<Position> others = every(2, 1, 1000);
        Predicate<Position> member = PositionsFingerprint.mightHold(PositionsFingerprint.of(claimed));

        assertTrue(claimed.stream().allMatch(member), "no claimed position is ever refused");
        long passing = others.stream().filter(member).count();
        assertTrue(passing <= 30, passing + " of 1000 foreign positions pass; about 1 % should");
    }

    @Test
    void subSequencesOfOneAggregatedRecordAreToldApart() {
        List<Position> claimed = List.of(new Position(BASE, 0), new Position(BASE, 2));
        Predicate<Position> member = PositionsFingerprint.mightHold(PositionsFingerprint.of(claimed));
        assertTrue(member.test(new Position(BASE, 2)));
        assertFalse(IntStream.range(3, 40).allMatch(sub -> member.test(new Position(BASE, sub))));
    }

    @Test
    void theDigestMatchesExactlyTheSamePositions() {
        List<Position> claimed = every(3, 0, 10);
        String fingerprint = PositionsFingerprint.of(claimed);

        assertTrue(PositionsFingerprint.matches(fingerprint, claimed));
        assertFalse(PositionsFingerprint.matches(fingerprint, claimed.subList(0, 9)));
        assertFalse(PositionsFingerprint.matches(fingerprint, every(3, 1, 10)));
        assertEquals(PositionsFingerprint.digest(claimed), PositionsFingerprint.digestOf(fingerprint));
        assertTrue(fingerprint.startsWith("10:"));
    }

    @Test
    void aFingerprintOfTheEarlierFormatStillMatchesAndFiltersNothing() {
        List<Position> claimed = every(3, 0, 10);
        String earlier = PositionsFingerprint.digest(claimed);

        assertTrue(PositionsFingerprint.matches(earlier, claimed));
        assertTrue(every(3, 1, 10).stream().allMatch(PositionsFingerprint.mightHold(earlier)));
    }

    /** A claim written by an earlier version is still pending after an upgrade: its digest must match as it did. */
    @Test
    void theDigestOfAGivenListNeverChangesAcrossVersions() {
        List<Position> positions = List.of(Position.of(SEQUENCE, 0), Position.of(SEQUENCE, 1), Position.of(NEXT, 0));

        assertEquals("3:9efac97f8c4e6bb7", PositionsFingerprint.digest(positions));
        assertTrue(PositionsFingerprint.of(positions).startsWith("3:9efac97f8c4e6bb7:"));
        assertEquals("0:cbf29ce484222325", PositionsFingerprint.digest(List.of()));
    }
}
