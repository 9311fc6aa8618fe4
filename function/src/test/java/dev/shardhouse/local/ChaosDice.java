package dev.shardhouse.local;

import java.time.Duration;
import java.util.Random;

/** One shard's draws of the {@link Chaos} faults, from a random source seeded by the chaos seed and the shard. */
final class ChaosDice {

    private final Chaos chaos;
    private final Random random;

    ChaosDice(Chaos chaos, String shardId) {
        this.chaos = chaos;
        this.random = new Random(chaos.seed() ^ shardId.hashCode());
    }

    boolean redeliverWhole() {
        return roll(chaos.redeliverWhole());
    }

    boolean redeliverOverlapping() {
        return roll(chaos.redeliverOverlapping());
    }

    boolean kill() {
        return roll(chaos.killDuringInvocation());
    }

    boolean concurrentBatches() {
        return roll(chaos.concurrentBatches());
    }

    /** How far an overlapping redelivery of a batch of {@code size} ≥ 2 records is shifted: 1 to size - 1. */
    int shift(int size) {
        return 1 + random.nextInt(size - 1);
    }

    /**
     * When to kill a runtime: anywhere in a typical invocation and a little after, so kills land before the insert,
     * between insert and checkpoint, and after the checkpoint.
     */
    Duration killDelay(double typicalInvocationMillis) {
        return Duration.ofMillis((long) (random.nextDouble() * typicalInvocationMillis * 1.5));
    }

    private boolean roll(double probability) {
        return probability > 0 && random.nextDouble() < probability;
    }
}
