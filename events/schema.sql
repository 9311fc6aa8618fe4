-- Target tables of the sample events, created in the current database (shardhouse_demo in env.json).
-- A plain MergeTree drops a repeated insert only with non_replicated_deduplication_window above 0,
-- and the ingest function relies on that to make a retried insert harmless.

CREATE TABLE IF NOT EXISTS orders
(
    order_id UInt64,
    customer String,
    amount Decimal(12, 2),
    created_at DateTime64(3, 'UTC'),
    _shard_id String,
    _sequence_number String,
    _sub_sequence_number UInt64
)
ENGINE = MergeTree
ORDER BY order_id
SETTINGS non_replicated_deduplication_window = 1000;

-- RECORD_FORMAT=CSV reads the fields in the order of the columns that are not metadata (_shard_id, ...):
-- the same columns, engine and settings as orders.
CREATE TABLE IF NOT EXISTS orders_csv AS orders;
