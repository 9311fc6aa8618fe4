package dev.shardhouse.local.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each contender's time per round, for rounds in which they all ran the same batch: wall-clock time, and the CPU
 * time this JVM spent meanwhile (all its threads), which the machine's other load disturbs far less.
 */
final class Timings {

    private final Map<String, long[]> nanos = new LinkedHashMap<>();
    private final Map<String, long[]> cpuNanos = new LinkedHashMap<>();

    Timings(List<String> contenders, int rounds) {
        contenders.forEach(name -> nanos.put(name, new long[rounds]));
        contenders.forEach(name -> cpuNanos.put(name, new long[rounds]));
    }

    void record(String contender, int round, long elapsedNanos, long elapsedCpuNanos) {
        nanos.get(contender)[round] = elapsedNanos;
        cpuNanos.get(contender)[round] = elapsedCpuNanos;
    }

    double medianSeconds(String contender) {
        return median(Arrays.stream(nanos.get(contender)).asDoubleStream().toArray()) / 1e9;
    }

    /** The {@code p}-th quantile (0 to 1) of the contender's wall-clock times, in seconds. */
    double percentileSeconds(String contender, double p) {
        return percentile(Arrays.stream(nanos.get(contender)).asDoubleStream().toArray(), p) / 1e9;
    }

    /** The median CPU time of this JVM per batch, in milliseconds. */
    double medianCpuMillis(String contender) {
        return median(Arrays.stream(cpuNanos.get(contender)).asDoubleStream().toArray()) / 1e6;
    }

    /**
     * How many times as fast {@code contender} was as {@code baseline}: the median over rounds of their time
     * ratio. Pairing by round cancels the machine's slow spells, which hit both alike.
     */
    double speedup(String contender, String baseline) {
        long[] mine = nanos.get(contender);
        long[] theirs = nanos.get(baseline);
        double[] ratios = new double[mine.length];
        for (int round = 0; round < mine.length; round++) {
            ratios[round] = (double) theirs[round] / mine[round];
        }
        return median(ratios);
    }

    /** By nearest rank: the smallest value at least {@code p} of the values are not above (with few, the largest). */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
