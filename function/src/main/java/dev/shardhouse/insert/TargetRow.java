package dev.shardhouse.insert;

import dev.shardhouse.dedup.Position;
import java.time.Instant;

/**
 * A mapped row for the target table, with what the error table needs should ClickHouse refuse it.
 *
 * @param ordinal the record's place in its claim (0 = the claim's first record)
 */
public record TargetRow(int ordinal, byte[] rowBinary, Position position, String partitionKey,
                        Instant approximateArrival, byte[] raw) {

    public ErrorRow rejected(String reason) {
        return new ErrorRow(position, partitionKey, approximateArrival, raw, reason);
    }
}
