package dev.shardhouse.local.mapping;

import dev.shardhouse.local.runtime.KillableInvoker;

/**
 * Faults the local mapping injects on purpose, each with a probability per batch, drawn from a seeded random
 * source so a failing run can be repeated. They are all things the real mapping may do (it is at-least-once) or
 * that happen to the real function (its environment dies mid-invocation); none breaks Lambda's contract.
 *
 * @param seed                  seed of the random source
 * @param redeliverWhole        after a batch succeeded, deliver the very same batch again
 * @param redeliverOverlapping  after a batch succeeded, deliver a batch shifted forward inside it: its tail plus
 *                              the records that follow
 * @param killDuringInvocation  kill -9 the function's runtime process at a random moment of the invocation, so
 *                              its insert may have happened without its checkpoint (needs a {@link KillableInvoker})
 * @param concurrentBatches     deliver a batch and, at the same time, a prefix of it (see {@link ShardWorker})
 */
public record Chaos(long seed, double redeliverWhole, double redeliverOverlapping, double killDuringInvocation,
                    double concurrentBatches) {

    public Chaos {
        probability("redeliverWhole", redeliverWhole);
        probability("redeliverOverlapping", redeliverOverlapping);
        probability("killDuringInvocation", killDuringInvocation);
        probability("concurrentBatches", concurrentBatches);
    }

    public static Chaos none() {
        return new Chaos(0, 0, 0, 0, 0);
    }

    /** Every fault with the same probability. */
    public static Chaos all(long seed, double probability) {
        return new Chaos(seed, probability, probability, probability, probability);
    }

    public boolean kills() {
        return killDuringInvocation > 0;
    }

    private static void probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("chaos " + name + " must be a probability from 0 to 1, not " + value);
        }
    }
}
