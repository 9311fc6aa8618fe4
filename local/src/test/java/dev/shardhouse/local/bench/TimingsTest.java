package dev.shardhouse.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TimingsTest {

    @Test
    void percentilesByNearestRank() {
        double[] times = {5, 1, 3, 2, 4};
        assertEquals(3.0, Timings.percentile(times, 0.5));
        assertEquals(5.0, Timings.percentile(times, 0.99), "with 5 values, p99 is the largest");
        assertEquals(1.0, Timings.percentile(times, 0.0));
        double[] hundred = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();
        assertEquals(99.0, Timings.percentile(hundred, 0.99));
        assertEquals(50.0, Timings.percentile(hundred, 0.5));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, Timings.median(new double[] {5, 1, 3}));
        assertEquals(2.5, Timings.median(new double[] {4, 1, 3, 2}));
    }

    @Test
    void medianTimeIsInSecondsAndCpuTimeInMilliseconds() {
        Timings timings = new Timings(List.of("a"), 3);
        timings.record("a", 0, 3_000_000_000L, 3_000_000L);
        timings.record("a", 1, 1_000_000_000L, 1_000_000L);
        timings.record("a", 2, 2_000_000_000L, 5_000_000L);
        assertEquals(2.0, timings.medianSeconds("a"));
        assertEquals(3.0, timings.medianCpuMillis("a"));
    }

    @Test
    void speedupPairsTheRoundsBeforeTakingTheMedian() {
        Timings timings = new Timings(List.of("fast", "slow"), 3);
        // Round 1 is a slow spell for both: the per-round ratios are 2, 2 and 3.
        record(timings, 0, 100, 200);
        record(timings, 1, 1_000, 2_000);
        record(timings, 2, 100, 300);
        assertEquals(2.0, timings.speedup("fast", "slow"));
        assertEquals(0.5, timings.speedup("slow", "fast"));
    }

    private static void record(Timings timings, int round, long fast, long slow) {
        timings.record("fast", round, fast, 0);
        timings.record("slow", round, slow, 0);
    }
}
