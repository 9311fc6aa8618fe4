package dev.shardhouse.insert;

import dev.shardhouse.dedup.Position;
import java.time.Instant;

/** A record that could not be decoded or mapped, with its raw bytes and why: one row of the error table. */
public record ErrorRow(Position position, String partitionKey, Instant approximateArrival, byte[] raw, String reason) {
}
