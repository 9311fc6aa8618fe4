package dev.shardhouse.local.mapping;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The settings of a Kinesis event source mapping, with Lambda's names, units and valid ranges
 * ({@code CreateEventSourceMapping}): what the CDK stack sets on the real mapping, the local one honours.
 *
 * @param batchSize                  most records per invocation, 1–10,000
 * @param batchingWindow             longest wait to fill a batch, 0–300 s; zero invokes as soon as records arrive
 * @param startingPosition           where a new mapping starts reading
 * @param startingTimestamp          required with {@link StartingPosition#AT_TIMESTAMP}, absent otherwise
 * @param reportBatchItemFailures    whether the function's {@code batchItemFailures} response is honoured
 * @param bisectBatchOnFunctionError whether a failed batch is split in two before it is retried
 * @param maximumRetryAttempts       retries of a failed batch before it is discarded; -1 = until the records expire
 * @param maximumRecordAgeSeconds    records older than this are discarded unprocessed, 60–604,800; -1 = never
 * @param parallelizationFactor      concurrent batches per shard; only 1 is supported (see the constructor)
 */
public record MappingSettings(
        int batchSize,
        Duration batchingWindow,
        StartingPosition startingPosition,
        Instant startingTimestamp,
        boolean reportBatchItemFailures,
        boolean bisectBatchOnFunctionError,
        int maximumRetryAttempts,
        int maximumRecordAgeSeconds,
        int parallelizationFactor) {

    public static final int UNLIMITED = -1;

    public MappingSettings {
        Objects.requireNonNull(batchingWindow, "batchingWindow");
        Objects.requireNonNull(startingPosition, "startingPosition");
        check(batchSize >= 1 && batchSize <= 10_000, "BatchSize", batchSize, "1 to 10000");
        check(!batchingWindow.isNegative() && batchingWindow.compareTo(Duration.ofSeconds(300)) <= 0,
                "MaximumBatchingWindowInSeconds", batchingWindow.toSeconds(), "0 to 300 seconds");
        check((startingPosition == StartingPosition.AT_TIMESTAMP) == (startingTimestamp != null),
                "StartingPositionTimestamp", startingTimestamp, "set exactly when StartingPosition is AT_TIMESTAMP");
        check(maximumRetryAttempts >= UNLIMITED && maximumRetryAttempts <= 10_000,
                "MaximumRetryAttempts", maximumRetryAttempts, "-1 (unlimited) or 0 to 10000");
        check(maximumRecordAgeSeconds == UNLIMITED || (maximumRecordAgeSeconds >= 60 && maximumRecordAgeSeconds <= 604_800),
                "MaximumRecordAgeInSeconds", maximumRecordAgeSeconds, "-1 (unlimited) or 60 to 604800");
        // Lambda allows 1-10, but with more than one batch of a shard in flight a later batch can finish before an
        // earlier one; the stack keeps one ordered checkpoint per shard, so it deploys 1 and so does this mapping.
        check(parallelizationFactor == 1, "ParallelizationFactor", parallelizationFactor,
                "1: the ingest function keeps one ordered checkpoint per shard, which needs one batch per shard at a time");
    }

    /** Lambda's defaults (batch size 100, no window, unlimited retries and age) reading from TRIM_HORIZON. */
    public static MappingSettings defaults() {
        return new MappingSettings(100, Duration.ZERO, StartingPosition.TRIM_HORIZON, null,
                false, false, UNLIMITED, UNLIMITED, 1);
    }

    /**
     * What the CDK stack deploys when its parameters keep their defaults: batches of up to 1,000 records gathered
     * for at most 1 s, partial failures honoured, no bisection, retried until the records expire, which they never do.
     */
    public static MappingSettings stackDefaults() {
        return new MappingSettings(1000, Duration.ofSeconds(1), StartingPosition.TRIM_HORIZON, null,
                true, false, UNLIMITED, UNLIMITED, 1);
    }

    public MappingSettings withBatchSize(int size) {
        return new MappingSettings(size, batchingWindow, startingPosition, startingTimestamp, reportBatchItemFailures,
                bisectBatchOnFunctionError, maximumRetryAttempts, maximumRecordAgeSeconds, parallelizationFactor);
    }

    public MappingSettings withBatchingWindow(Duration window) {
        return new MappingSettings(batchSize, window, startingPosition, startingTimestamp, reportBatchItemFailures,
                bisectBatchOnFunctionError, maximumRetryAttempts, maximumRecordAgeSeconds, parallelizationFactor);
    }

    public MappingSettings withStartingPosition(StartingPosition position, Instant timestamp) {
        return new MappingSettings(batchSize, batchingWindow, position, timestamp, reportBatchItemFailures,
                bisectBatchOnFunctionError, maximumRetryAttempts, maximumRecordAgeSeconds, parallelizationFactor);
    }

    public MappingSettings withReportBatchItemFailures(boolean report) {
        return new MappingSettings(batchSize, batchingWindow, startingPosition, startingTimestamp, report,
                bisectBatchOnFunctionError, maximumRetryAttempts, maximumRecordAgeSeconds, parallelizationFactor);
    }

    public MappingSettings withBisectBatchOnFunctionError(boolean bisect) {
        return new MappingSettings(batchSize, batchingWindow, startingPosition, startingTimestamp, reportBatchItemFailures,
                bisect, maximumRetryAttempts, maximumRecordAgeSeconds, parallelizationFactor);
    }

    public MappingSettings withMaximumRetryAttempts(int attempts) {
        return new MappingSettings(batchSize, batchingWindow, startingPosition, startingTimestamp, reportBatchItemFailures,
                bisectBatchOnFunctionError, attempts, maximumRecordAgeSeconds, parallelizationFactor);
    }

    public MappingSettings withMaximumRecordAgeSeconds(int seconds) {
        return new MappingSettings(batchSize, batchingWindow, startingPosition, startingTimestamp, reportBatchItemFailures,
                bisectBatchOnFunctionError, maximumRetryAttempts, seconds, parallelizationFactor);
    }

    public MappingSettings withParallelizationFactor(int factor) {
        return new MappingSettings(batchSize, batchingWindow, startingPosition, startingTimestamp, reportBatchItemFailures,
                bisectBatchOnFunctionError, maximumRetryAttempts, maximumRecordAgeSeconds, factor);
    }

    /** Whether a record that arrived at {@code arrival} is too old to be processed at {@code now}. */
    public boolean isExpired(Instant arrival, Instant now) {
        return maximumRecordAgeSeconds != UNLIMITED
                && arrival.plusSeconds(maximumRecordAgeSeconds).isBefore(now);
    }

    /** Whether a batch that has already been retried {@code retries} times may be retried once more. */
    public boolean mayRetry(int retries) {
        return maximumRetryAttempts == UNLIMITED || retries < maximumRetryAttempts;
    }

    private static void check(boolean valid, String setting, Object value, String allowed) {
        if (!valid) {
            throw new IllegalArgumentException("event source mapping setting " + setting + " = " + value
                    + " is not supported; allowed: " + allowed);
        }
    }
}
