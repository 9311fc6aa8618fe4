package dev.shardhouse.tracker;

import java.time.Instant;
import java.util.Optional;

/**
 * What one GetRecords call returned beyond a shard's checkpoint.
 *
 * @param firstArrival       the approximate arrival of the first record returned, empty when none was returned
 * @param millisBehindLatest how far that read position is behind the shard's newest record; real Kinesis can return
 *                           an empty page from a position that still has records after it, and this tells
 */
public record WaitingRecords(Optional<Instant> firstArrival, long millisBehindLatest) {
}
