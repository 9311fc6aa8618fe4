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
    void longReasonsAreCutAndPastAThousandRecordsOnlyOrdinalsAreKept() {
        Map<Integer, String> many = new TreeMap<>();
        IntStream.range(0, Routing.MAX_REASONS + 5).forEach(i -> many.put(i, "r".repeat(Routing.MAX_REASON_CHARS + 1)));

        Routing read = Routing.decode(new Routing(new TreeMap<>(many)).encode());

        assertEquals(many.keySet(), read.errors().keySet());
        assertEquals(Routing.MAX_REASON_CHARS, read.reason(0).orElseThrow().length());
        assertEquals(Optional.empty(), read.reason(Routing.MAX_REASONS));
        assertTrue(read.toErrors(Routing.MAX_REASONS + 4));
    }

    @Test
    void noErrorsIsTheEmptyText() {
        assertEquals("", Routing.NONE.encode());
        assertEquals(Routing.NONE, Routing.decode(""));
        assertThrows(IllegalArgumentException.class, () -> Routing.decode("7"));
        assertThrows(IllegalArgumentException.class, () -> new Routing(new TreeMap<>(Map.of(-1, "x"))));
    }
}
