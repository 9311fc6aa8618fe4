package dev.shardhouse.local.mapping;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * One shard's draws of the {@link Chaos} faults, from a random source seeded by the chaos seed and the shard.
 * SplittableRandom mixes its seed, so neighbouring seeds give unrelated draws (java.util.Random's first draws of
 * nearby seeds are nearly equal). Synchronized: a concurrent pair draws from two threads.
 */
final class ChaosDice {

    private final Chaos chaos;
    private final SplittableRandom random;

    ChaosDice(Chaos chaos, String shardId) {
        this.chaos = chaos;
        this.random = new SplittableRandom(chaos.seed() ^ shardId.hashCode());
    }

    synchronized boolean redeliverWhole() {
        return roll(chaos.redeliverWhole());
    }

    synchronized boolean redeliverOverlapping() {
        return roll(chaos.redeliverOverlapping());
    }

    synchronized boolean kill() {
        return roll(chaos.killDuringInvocation());
    }

    synchronized boolean concurrentBatches() {
        return roll(chaos.concurrentBatches());
    }

    /** How far an overlapping redelivery of a batch of {@code size} ≥ 2 records is shifted: 1 to size - 1. */
    synchronized int shift(int size) {
        return 1 + random.nextInt(size - 1);
    }

    /**
     * When to kill a runtime: anywhere in a typical invocation and a little after, so kills land before the insert,
     * between insert and checkpoint, and after the checkpoint.
     */
    synchronized Duration killDelay(double typicalInvocationMillis) {
        return Duration.ofMillis((long) (random.nextDouble() * typicalInvocationMillis * 1.5));
    }

    private boolean roll(double probability) {
        return probability > 0 && random.nextDouble() < probability;
    }
}
