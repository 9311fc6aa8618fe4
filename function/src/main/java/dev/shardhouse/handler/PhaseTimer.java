package dev.shardhouse.handler;

/**
 * Wall-clock time spent in each stage of a batch, accumulated across retries of the compare-and-set loop. The table's
 * definition is read while the batch is decoded: only the wait for it that outlasts the decoding counts, as mapping.
 */
final class PhaseTimer {

    enum Phase { DECODE, MAP, INSERT, CHECKPOINT }

    private final long started = System.nanoTime();
    private final long[] nanos = new long[Phase.values().length];

    <T> T time(Phase phase, java.util.function.Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            nanos[phase.ordinal()] += System.nanoTime() - start;
        }
    }

    void run(Phase phase, Runnable work) {
        time(phase, () -> {
            work.run();
            return null;
        });
    }

    Millis millis() {
        return new Millis(ms(nanos[0]), ms(nanos[1]), ms(nanos[2]), ms(nanos[3]), ms(System.nanoTime() - started));
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    /** Milliseconds per stage, to two decimals. */
    public record Millis(double decode, double map, double insert, double checkpoint, double total) {
    }
}
