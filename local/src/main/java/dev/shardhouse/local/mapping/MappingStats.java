package dev.shardhouse.local.mapping;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The mapping's running counters, updated by every shard's worker. */
final class MappingStats {

    final AtomicLong invocations = new AtomicLong();
    final AtomicLong recordsDelivered = new AtomicLong();
    final AtomicLong recordsCommitted = new AtomicLong();
    final AtomicLong functionErrors = new AtomicLong();
    final AtomicLong partialFailures = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong bisections = new AtomicLong();
    final AtomicLong recordsDiscarded = new AtomicLong();
    final AtomicLong readErrors = new AtomicLong();
    final AtomicLong chaosWholeRedeliveries = new AtomicLong();
    final AtomicLong chaosOverlappingRedeliveries = new AtomicLong();
    final AtomicLong chaosKills = new AtomicLong();
    final AtomicLong chaosConcurrentPairs = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>("");

    void invoked(int records) {
        invocations.incrementAndGet();
        recordsDelivered.addAndGet(records);
    }

    void error(String message) {
        lastError.set(message);
    }

    MappingReport snapshot(int shardsOpen, int shardsFinished) {
        return new MappingReport(invocations.get(), recordsDelivered.get(), recordsCommitted.get(), functionErrors.get(),
                partialFailures.get(), retries.get(), bisections.get(), recordsDiscarded.get(), readErrors.get(),
                shardsOpen, shardsFinished, chaosWholeRedeliveries.get(), chaosOverlappingRedeliveries.get(),
                chaosKills.get(), chaosConcurrentPairs.get(), lastError.get());
    }
}
