package dev.shardhouse.decode;

import dev.shardhouse.dedup.Position;
import java.time.Instant;

/** What decoding one Kinesis record produced: user records, or failures bound for the error table. */
public sealed interface Decoded permits UserRecord, DecodeFailure {

    Position position();

    String partitionKey();

    Instant approximateArrival();
}
