package dev.shardhouse.dedup;

/**
 * The exactly-once states of a shard's checkpoint, named as in ClickHouse's Kafka Connect sink: a range is
 * claimed ({@code BEFORE_PROCESSING}) before it is inserted and committed ({@code AFTER_PROCESSING}) after.
 */
public enum Phase {
    BEFORE_PROCESSING,
    AFTER_PROCESSING
}
