package dev.shardhouse.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PositionsFingerprintTest {

    private static final String SEQUENCE = "49590338271490256608559692538361571095921575989136588898";
    private static final String NEXT = "49590338271490256608559692540925702759324208523137515618";

    /**
     * The digest is stored in pending claims: a function upgraded while a claim is pending must compute the same text
     * for the same records, or its replay would find a mismatch and fail the shard. So the value itself is pinned.
     */
    @Test
    void theDigestOfAGivenListNeverChangesAcrossVersions() {
        List<Position> positions = List.of(Position.of(SEQUENCE, 0), Position.of(SEQUENCE, 1), Position.of(NEXT, 0));

        assertEquals("3:9efac97f8c4e6bb7", PositionsFingerprint.of(positions));
        assertEquals("0:cbf29ce484222325", PositionsFingerprint.of(List.of()));
    }

    @Test
    void recordsOfTheSameBoundsAndCountButOtherPositionsDiffer() {
        String claimed = PositionsFingerprint.of(List.of(Position.of("10"), Position.of("12"), Position.of("14")));

        assertNotEquals(claimed, PositionsFingerprint.of(List.of(Position.of("10"), Position.of("13"),
                Position.of("14"))), "another sequence number in the middle");
        assertNotEquals(claimed, PositionsFingerprint.of(List.of(Position.of("10"), Position.of("12", 1),
                Position.of("14"))), "another sub-record of the same record");
        assertNotEquals(claimed, PositionsFingerprint.of(List.of(Position.of("10"), Position.of("14"))),
                "one record fewer");
        assertEquals(claimed, PositionsFingerprint.of(List.of(Position.of("10"), Position.of("12"), Position.of("14"))));
    }
}
