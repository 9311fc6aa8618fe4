package dev.shardhouse.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoutingTest {

    @Test
    void anyReasonSurvivesTheRoundTrip() {
        Routing routing = Routing.NONE.with(Map.of(0, "tab\there, comma, equals=, \\N and a line\nend", 9, "é ✓"));

        Routing read = Routing.decode(routing.encode());

        assertEquals(routing, read);
        assertTrue(read.toErrors(9));
        assertFalse(read.toErrors(1));
        assertEquals(Optional.of("é ✓"), read.reason(9));
    }

    @Test
    void longReasonsAreCutAndPastTheBudgetOnlyOrdinalsAreKept() {
        Map<Integer, String> many = new TreeMap<>();
        IntStream.range(0, 10_000).forEach(i -> many.put(i, "r".repeat(Routing.MAX_REASON_CHARS + 1)));

        String encoded = new Routing(new TreeMap<>(many)).encode();
        Routing read = Routing.decode(encoded);

        assertTrue(encoded.length() < 128 * 1024 - 1024, "fits a ClickHouse query parameter: " + encoded.length());
        assertTrue(encoded.matches("[0-9A-Za-z_.-]*"), "nothing a URL encodes");
        assertEquals(many.keySet(), read.errors().keySet());
        assertEquals(Routing.MAX_REASON_CHARS, read.reason(0).orElseThrow().length());
        assertEquals(Optional.empty(), read.reason(9_999));
        assertTrue(read.toErrors(9_999));
    }

    @Test
    void aClaimTakesTheRecordsWhoseRoutingFitsAndAllWhenItAllFits() {
        Map<Integer, String> every = new TreeMap<>();
        IntStream.range(0, 200_000).forEach(i -> every.put(i, "x"));
        Routing all = new Routing(new TreeMap<>(every));

        int taken = all.recordsFitting(200_000);

        assertTrue(taken > 1000 && taken < 200_000, "taken " + taken);
        assertTrue(new Routing(new TreeMap<>(all.errors().headMap(taken))).encode().length() <= Routing.MAX_ENCODED_CHARS);
        assertTrue(new Routing(new TreeMap<>(all.errors().headMap(taken + 1))).encode().length() > Routing.MAX_ENCODED_CHARS);
        assertEquals(10, Routing.NONE.recordsFitting(10));
    }

    @Test
    void aCutReasonNeverEndsInHalfASurrogatePair() {
        String reason = "a".repeat(Routing.MAX_REASON_CHARS - 1) + "😀";

        String kept = Routing.decode(Routing.NONE.with(Map.of(0, reason)).encode()).reason(0).orElseThrow();

        assertEquals("a".repeat(Routing.MAX_REASON_CHARS - 1), kept);
    }

    @Test
    void noErrorsIsTheEmptyText() {
        assertEquals("", Routing.NONE.encode());
        assertEquals(Routing.NONE, Routing.decode(""));
        assertThrows(IllegalArgumentException.class, () -> Routing.decode("7"));
        assertEquals("3..12.eA", Routing.NONE.with(Map.of(3, "", 12, "x")).encode());
        assertThrows(IllegalArgumentException.class, () -> new Routing(new TreeMap<>(Map.of(-1, "x"))));
    }

    @Test
    void reasonsUpToExactlyTheBudgetAreKeptAndTheNextIsNot() {
        // "abc" is 4 characters of base64: 8,192 of them fill the reasons' budget to the character
        int fitting = Routing.MAX_REASONS_CHARS / 4;
        TreeMap<Integer, String> errors = new TreeMap<>();
        IntStream.rangeClosed(0, fitting).forEach(i -> errors.put(i, "abc"));

        Routing read = Routing.decode(new Routing(errors).encode());

        assertEquals(Optional.of("abc"), read.reason(fitting - 1));
        assertEquals(Optional.empty(), read.reason(fitting));
        assertTrue(read.toErrors(fitting));
    }

    @Test
    void aRoutingOfExactlyTheLimitFitsWholeAndOneOrdinalMoreDoesNot() {
        Routing exact = routingEncodedTo(Routing.MAX_ENCODED_CHARS);
        int records = exact.errors().lastKey() + 1;
        Routing longer = exact.with(Map.of(records, ""));

        assertEquals(Routing.MAX_ENCODED_CHARS, exact.encode().length());
        assertEquals(records, exact.recordsFitting(records));
        assertEquals(records, longer.recordsFitting(records + 1));
        assertEquals(records, longer.recordsFitting(records + 5));
    }

    @Test
    void theRecordsFittingAreTheLongestPrefixThatFitsWhateverTheSize() {
        for (int size : new int[] {30_000, 60_000, 123_457}) {
            TreeMap<Integer, String> every = new TreeMap<>();
            IntStream.range(0, size).forEach(i -> every.put(i, ""));
            Routing all = new Routing(every);

            int taken = all.recordsFitting(size);

            boolean fitsWhole = all.encode().length() <= Routing.MAX_ENCODED_CHARS;
            assertEquals(fitsWhole, taken == size, size + " records, taken " + taken);
            assertTrue(new Routing(all.errors().headMap(taken)).encode().length() <= Routing.MAX_ENCODED_CHARS);
            if (!fitsWhole) {
                assertTrue(new Routing(all.errors().headMap(taken + 1)).encode().length() > Routing.MAX_ENCODED_CHARS,
                        size + " records, taken " + taken);
            }
        }
    }

    /** Ordinals with empty reasons after a first one whose reason pads the text to exactly {@code length}. */
    private static Routing routingEncodedTo(int length) {
        TreeMap<Integer, String> errors = new TreeMap<>();
        for (int ordinal = 1; ; ordinal++) {
            errors.put(ordinal, "");
            errors.put(0, "");
            int missing = length - new Routing(errors).encode().length();
            // base64 of n bytes is 4n/3 characters rounded up: every length but 1 modulo 4
            if (missing > 3 && missing < 400 && missing % 4 != 1) {
                int bytes = missing * 3 / 4;
                errors.put(0, "x".repeat(bytes));
                return new Routing(errors);
            }
        }
    }
}
