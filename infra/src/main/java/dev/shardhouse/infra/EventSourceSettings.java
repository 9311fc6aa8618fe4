package dev.shardhouse.infra;

import java.util.Objects;

import software.amazon.awscdk.IResolvable;

/** The Kinesis event source mapping's settings, as stack parameters give them (tokens, resolved at deploy time). */
public record EventSourceSettings(
        String startingPosition,
        Number startingPositionTimestamp,
        Number batchSize,
        Number maxBatchingWindowSeconds,
        Number parallelizationFactor,
        Number retryAttempts,
        Number maximumRecordAgeSeconds,
        IResolvable bisectBatchOnError) {

    public EventSourceSettings {
        Objects.requireNonNull(startingPosition, "startingPosition");
        Objects.requireNonNull(startingPositionTimestamp, "startingPositionTimestamp");
        Objects.requireNonNull(batchSize, "batchSize");
        Objects.requireNonNull(maxBatchingWindowSeconds, "maxBatchingWindowSeconds");
        Objects.requireNonNull(parallelizationFactor, "parallelizationFactor");
        Objects.requireNonNull(retryAttempts, "retryAttempts");
        Objects.requireNonNull(maximumRecordAgeSeconds, "maximumRecordAgeSeconds");
        Objects.requireNonNull(bisectBatchOnError, "bisectBatchOnError");
    }
}
