package dev.shardhouse.local.mapping;

import java.time.Instant;
import java.util.List;

/**
 * What Lambda sends to a Kinesis mapping's on-failure destination when it gives up on records: metadata of the
 * discarded batch, not the records (the fields of Lambda's {@code requestContext.condition} and
 * {@code KinesisBatchInfo}).
 *
 * @param condition              why the records were discarded
 * @param approximateInvokeCount how many times the batch was invoked (0 when it expired before any invocation)
 */
public record DiscardedBatch(Condition condition, String streamArn, String shardId, String startSequenceNumber,
                             String endSequenceNumber, Instant approximateArrivalOfFirstRecord,
                             Instant approximateArrivalOfLastRecord, int batchSize, int approximateInvokeCount,
                             Instant timestamp) {

    /** Lambda's condition names. */
    public enum Condition {
        RETRY_ATTEMPTS_EXHAUSTED("RetryAttemptsExhausted"),
        RECORD_AGE_EXCEEDED("RecordAgeExceeded");

        private final String lambdaName;

        Condition(String lambdaName) {
            this.lambdaName = lambdaName;
        }

        public String lambdaName() {
            return lambdaName;
        }
    }

    static DiscardedBatch of(Condition condition, String streamArn, List<BufferedRecord> records, int invokeCount,
                             Instant now) {
        BufferedRecord first = records.get(0);
        BufferedRecord last = records.get(records.size() - 1);
        return new DiscardedBatch(condition, streamArn, first.shardId(), first.sequenceNumber(), last.sequenceNumber(),
                first.arrival(), last.arrival(), records.size(), invokeCount, now);
    }
}
