package dev.shardhouse.map;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UnmatchedSummaryTest {

    @Test
    void countsEveryOccurrenceAndNamesEachKeyOnce() {
        UnmatchedSummary summary = UnmatchedSummary.NONE
                .plus(new UnmatchedKeys(List.of("usr_id"), List.of("user_id")))
                .plus(UnmatchedKeys.NONE)
                .plus(new UnmatchedKeys(List.of("usr_id", "extra"), List.of("user_id")));
        assertEquals(new UnmatchedSummary(3, 2, List.of("usr_id", "extra"), List.of("user_id")), summary);
        assertEquals(new UnmatchedSummary(6, 4, List.of("usr_id", "extra"), List.of("user_id")), summary.plus(summary));
    }

    @Test
    void namesAtMostTenSoThatALogLineStaysSmall() {
        UnmatchedSummary summary = UnmatchedSummary.NONE;
        for (int i = 0; i < 25; i++) {
            summary = summary.plus(new UnmatchedKeys(List.of("k" + i), List.of()));
        }
        assertEquals(25, summary.unknownKeys());
        assertEquals(IntStream.range(0, UnmatchedSummary.NAMES).mapToObj(i -> "k" + i).toList(),
                summary.unknownKeyNames());
    }
}
