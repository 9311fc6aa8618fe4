package dev.shardhouse.local.mapping;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a shard's mapping does after each invocation, and how large its next batch may be: Lambda's error handling
 * for streams. The state is the number of times the records at the head of the shard have been retried and the
 * sizes of the batches already decided: a retried batch is resent as it was (not topped up with newer records),
 * and the halves of a bisected batch are sent one after the other.
 *
 * <ul>
 *   <li>Success: the batch is committed; the next batch is the next pending half, or a full batch.</li>
 *   <li>Partial failure (ReportBatchItemFailures): the records before the lowest failed one are committed; the
 *       rest is retried as one batch (Lambda "bisects at the returned sequence number"). That counts as a retry.</li>
 *   <li>Failure with BisectBatchOnFunctionError and more than one record: the batch is split in two halves, sent
 *       one after the other. A split is not a retry.</li>
 *   <li>Any other failure is a retry; once MaximumRetryAttempts is used up, the failing records are discarded.</li>
 * </ul>
 */
final class RetryState {

    /** What to do with the batch just invoked: commit its first records, discard the next ones, retry the rest. */
    record Decision(int committed, int discarded, Retry retry) {
    }

    enum Retry {
        /** Nothing is left to retry. */
        NONE,
        /** The records left are sent again (a retry attempt). */
        RETRY,
        /** The batch was split; its first half is sent next (not a retry attempt). */
        BISECT
    }

    private final MappingSettings settings;
    private final Deque<Integer> planned = new ArrayDeque<>();
    private int retries;

    RetryState(MappingSettings settings) {
        this.settings = settings;
    }

    /** The most records the next batch may hold. */
    int nextBatchLimit() {
        return planned.isEmpty() ? settings.batchSize() : planned.peek();
    }

    /** Whether the next batch is a retry or a half, which is sent without waiting for the batching window. */
    boolean retrying() {
        return !planned.isEmpty();
    }

    /** Times the records at the head have been retried. */
    int retries() {
        return retries;
    }

    /** The head records were dropped for another reason (their age): what was planned for them no longer applies. */
    void headDiscarded() {
        planned.clear();
        retries = 0;
    }

    Decision after(BatchOutcome outcome, int batchSize) {
        if (outcome instanceof BatchOutcome.Success) {
            planned.poll();
            retries = 0;
            return new Decision(batchSize, 0, Retry.NONE);
        }
        if (outcome instanceof BatchOutcome.PartialFailure partial) {
            int committed = partial.firstFailed();
            int rest = batchSize - committed;
            retries = committed > 0 ? 0 : retries;
            replaceHead(rest);
            return failed(committed, rest);
        }
        if (settings.bisectBatchOnFunctionError() && batchSize > 1) {
            planned.poll();
            planned.push(batchSize / 2);
            planned.push(batchSize - batchSize / 2);
            return new Decision(0, 0, Retry.BISECT);
        }
        replaceHead(batchSize);
        return failed(0, batchSize);
    }

    private Decision failed(int committed, int failing) {
        if (settings.mayRetry(retries)) {
            retries++;
            return new Decision(committed, 0, Retry.RETRY);
        }
        planned.poll();
        retries = 0;
        return new Decision(committed, failing, Retry.NONE);
    }

    /** The failing records are what the next batch resends. */
    private void replaceHead(int size) {
        planned.poll();
        planned.push(size);
    }
}
