package dev.shardhouse.local.mapping;

import dev.shardhouse.local.runtime.FunctionInvoker;
import dev.shardhouse.local.runtime.InvocationResult;
import dev.shardhouse.local.runtime.KillableInvoker;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Reads one shard and invokes the function with its batches until the shard is drained, with Lambda's batching
 * (batch size, batching window, 6 MB payload) and error handling ({@link RetryState}), plus the {@link Chaos} faults.
 *
 * <p>Records read are kept in a buffer until they are committed or discarded, so a retry resends exactly the
 * records that failed. Only this worker's thread touches the buffer.
 */
final class ShardWorker implements Runnable {

    private static final long FIRST_RETRY_BACKOFF_MILLIS = 100;
    private static final long MAX_RETRY_BACKOFF_MILLIS = 5_000;

    private final String shardId;
    private final ShardReader reader;
    private final EventSource source;
    private final MappingSettings settings;
    private final FunctionInvoker invoker;
    private final ExecutorService concurrentInvocations;
    private final MappingStats stats;
    private final Consumer<DiscardedBatch> onFailureDestination;
    private final Runnable onDrained;
    private final Clock clock;
    private final ChaosDice dice;
    private final RetryState retry;
    private final List<BufferedRecord> buffer = new ArrayList<>();
    private boolean shardEnded;
    private long firstBufferedNanos;
    private volatile double typicalInvocationMillis = 100;

    ShardWorker(String shardId, ShardReader reader, EventSource source, MappingSettings settings, Chaos chaos,
                FunctionInvoker invoker, ExecutorService concurrentInvocations, MappingStats stats,
                Consumer<DiscardedBatch> onFailureDestination, Runnable onDrained, Clock clock) {
        this.shardId = shardId;
        this.reader = reader;
        this.source = source;
        this.settings = settings;
        this.invoker = invoker;
        this.concurrentInvocations = concurrentInvocations;
        this.stats = stats;
        this.onFailureDestination = onFailureDestination;
        this.onDrained = onDrained;
        this.clock = clock;
        this.dice = new ChaosDice(chaos, shardId);
        this.retry = new RetryState(settings);
    }

    @Override
    public void run() {
        try {
            while (!(shardEnded && buffer.isEmpty())) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                discardExpired();
                if (!buffer.isEmpty() && due()) {
                    invokeNext();
                } else if (!shardEnded) {
                    fetch();
                }
            }
            onDrained.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A bug of the mapping itself: the shard stops being read, loudly.
            stats.error("the worker of " + shardId + " stopped: " + e);
            e.printStackTrace();
        }
    }

    private void fetch() throws InterruptedException {
        ShardReader.Page page = reader.next();
        if (buffer.isEmpty() && !page.records().isEmpty()) {
            firstBufferedNanos = System.nanoTime();
        }
        page.records().forEach(record -> buffer.add(BufferedRecord.of(source, shardId, record)));
        shardEnded = page.shardEnded();
    }

    /** Whether the buffer is sent now rather than after waiting for more records. */
    private boolean due() {
        int limit = retry.nextBatchLimit();
        return retry.retrying()
                || shardEnded
                || buffer.size() >= limit
                || take(0, limit).size() < Math.min(limit, buffer.size())
                || System.nanoTime() - firstBufferedNanos >= settings.batchingWindow().toNanos();
    }

    /** Records at the head that are older than MaximumRecordAgeInSeconds go to the on-failure destination. */
    private void discardExpired() {
        Instant now = clock.instant();
        int expired = 0;
        while (expired < buffer.size() && settings.isExpired(buffer.get(expired).arrival(), now)) {
            expired++;
        }
        if (expired > 0) {
            discard(DiscardedBatch.Condition.RECORD_AGE_EXCEEDED, expired, retry.retries());
            retry.headDiscarded();
        }
    }

    private void invokeNext() throws InterruptedException {
        List<BufferedRecord> batch = take(0, retry.nextBatchLimit());
        BatchOutcome outcome = dice.concurrentBatches()
                ? invokeWithConcurrentDuplicate(batch)
                : settle(batch, invokeWithChaos(batch));
        if (outcome instanceof BatchOutcome.Success) {
            redeliverByChance(batch);
        }
    }

    /**
     * Chaos: the batch and, at the same time, a prefix of it, as when an attempt still writing overlaps its retry.
     * Both start at the shard's uncommitted head, as every delivery of a ParallelizationFactor-1 mapping does (a
     * batch beyond uncommitted records is what a factor above 1 makes, which the stack refuses). The batch's
     * outcome is what counts; the prefix is an extra delivery.
     */
    private BatchOutcome invokeWithConcurrentDuplicate(List<BufferedRecord> batch) throws InterruptedException {
        List<BufferedRecord> prefix = List.copyOf(batch.subList(0, batch.size() < 2 ? 1 : dice.shift(batch.size())));
        stats.chaosConcurrentPairs.incrementAndGet();
        Future<?> duplicate = concurrentInvocations.submit(() -> {
            invokeExtra(prefix);
            return null;
        });
        BatchOutcome outcome = settle(batch, invokeWithChaos(batch));
        try {
            duplicate.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("concurrent invocation on " + shardId + " failed", e.getCause());
        }
        return outcome;
    }

    /** Chaos after a success: the same batch again, or one shifted into the records that follow it. */
    private void redeliverByChance(List<BufferedRecord> committed) throws InterruptedException {
        if (dice.redeliverWhole()) {
            stats.chaosWholeRedeliveries.incrementAndGet();
            invokeExtra(committed);
        }
        if (committed.size() > 1 && dice.redeliverOverlapping()) {
            int shift = dice.shift(committed.size());
            List<BufferedRecord> overlapping = new ArrayList<>(committed.subList(shift, committed.size()));
            overlapping.addAll(buffer.subList(0, Math.min(shift, buffer.size())));
            stats.chaosOverlappingRedeliveries.incrementAndGet();
            invokeExtra(overlapping);
        }
    }

    /** A duplicate delivery: its records are committed already (or will be delivered again), so only errors count. */
    private void invokeExtra(List<BufferedRecord> records) throws InterruptedException {
        if (OutcomeRules.judge(invokeWithChaos(records), records, settings.reportBatchItemFailures())
                instanceof BatchOutcome.Failure failure) {
            stats.functionErrors.incrementAndGet();
            stats.error("redelivered batch on " + shardId + ": " + failure.reason());
        }
    }

    private InvocationResult invokeWithChaos(List<BufferedRecord> batch) throws InterruptedException {
        byte[] event = EventPayload.event(batch);
        stats.invoked(batch.size());
        long started = System.nanoTime();
        if (invoker instanceof KillableInvoker killable && dice.kill()) {
            KillableInvoker.KillResult outcome = killable.invokeAndKill(event, dice.killDelay(typicalInvocationMillis));
            if (outcome.killed()) {
                stats.chaosKills.incrementAndGet();
            } else {
                learnDuration(started);
            }
            return outcome.result();
        }
        InvocationResult result = invoker.invoke(event);
        learnDuration(started);
        return result;
    }

    private void learnDuration(long startedNanos) {
        typicalInvocationMillis = 0.8 * typicalInvocationMillis + 0.2 * (System.nanoTime() - startedNanos) / 1e6;
    }

    /** Applies Lambda's rules to an invocation of the batch at the head of the buffer. */
    private BatchOutcome settle(List<BufferedRecord> batch, InvocationResult result) throws InterruptedException {
        BatchOutcome outcome = OutcomeRules.judge(result, batch, settings.reportBatchItemFailures());
        if (outcome instanceof BatchOutcome.Failure failure) {
            stats.functionErrors.incrementAndGet();
            stats.error(shardId + ": " + failure.reason());
        } else if (outcome instanceof BatchOutcome.PartialFailure) {
            stats.partialFailures.incrementAndGet();
        }
        int invocationsOfHead = retry.retries() + 1;
        RetryState.Decision decision = retry.after(outcome, batch.size());
        commit(decision.committed());
        if (decision.discarded() > 0) {
            discard(DiscardedBatch.Condition.RETRY_ATTEMPTS_EXHAUSTED, decision.discarded(), invocationsOfHead);
        }
        switch (decision.retry()) {
            case RETRY -> {
                stats.retries.incrementAndGet();
                Thread.sleep(Math.min(MAX_RETRY_BACKOFF_MILLIS, FIRST_RETRY_BACKOFF_MILLIS << Math.min(10, retry.retries() - 1)));
            }
            case BISECT -> stats.bisections.incrementAndGet();
            case NONE -> {
            }
        }
        return outcome;
    }

    private void commit(int records) {
        buffer.subList(0, records).clear();
        stats.recordsCommitted.addAndGet(records);
    }

    private void discard(DiscardedBatch.Condition condition, int records, int invocations) {
        List<BufferedRecord> discarded = buffer.subList(0, records);
        onFailureDestination.accept(DiscardedBatch.of(condition, source.streamArn(), List.copyOf(discarded),
                invocations, clock.instant()));
        stats.recordsDiscarded.addAndGet(records);
        discarded.clear();
    }

    /** Up to {@code limit} buffered records from index {@code from} on, within Lambda's payload limit. */
    private List<BufferedRecord> take(int from, int limit) {
        List<BufferedRecord> batch = new ArrayList<>();
        int bytes = EventPayload.emptyEventSize();
        for (int i = from; i < buffer.size() && batch.size() < limit; i++) {
            int added = EventPayload.addedSize(batch.size(), buffer.get(i));
            if (!batch.isEmpty() && bytes + added > EventPayload.MAX_PAYLOAD_BYTES) {
                break;
            }
            batch.add(buffer.get(i));
            bytes += added;
        }
        return batch;
    }
}
