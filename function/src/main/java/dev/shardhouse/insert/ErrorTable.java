package dev.shardhouse.insert;

import static dev.shardhouse.config.Identifier.qualified;

import dev.shardhouse.map.rowbinary.RowBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The error table: every record that could not be decoded or mapped, with its raw bytes and the reason, so nothing
 * disappears and nothing blocks its shard. Rows carry the same deduplication token as the batch's target insert,
 * so a retried batch does not repeat them.
 */
public final class ErrorTable {

    public static final List<String> COLUMNS = List.of("stream", "shard_id", "sequence_number",
            "sub_sequence_number", "partition_key", "approximate_arrival", "raw_data", "reason");

    private ErrorTable() {
    }

    /** Deduplication must work on a plain MergeTree too, hence the window setting. */
    public static String createStatement(String database, String table) {
        return "CREATE TABLE IF NOT EXISTS " + qualified(database, table) + " (\n"
                + "    stream String,\n"
                + "    shard_id String,\n"
                + "    sequence_number String,\n"
                + "    sub_sequence_number UInt64,\n"
                + "    partition_key String,\n"
                + "    approximate_arrival DateTime64(3, 'UTC'),\n"
                + "    raw_data String,\n"
                + "    reason String,\n"
                + "    failed_at DateTime64(3, 'UTC') DEFAULT now64(3)\n"
                + ") ENGINE = MergeTree ORDER BY (stream, shard_id, sequence_number, sub_sequence_number)"
                + " SETTINGS non_replicated_deduplication_window = 10000";
    }

    /** One row in RowBinary, columns in {@link #COLUMNS} order. */
    public static byte[] encode(String stream, String shardId, ErrorRow row) {
        RowBuffer out = new RowBuffer(256 + row.raw().length);
        writeText(out, stream);
        writeText(out, shardId);
        writeText(out, row.position().sequenceNumber());
        out.writeLongLE(row.position().subSequence());
        writeText(out, row.partitionKey());
        out.writeLongLE(row.approximateArrival().toEpochMilli()); // DateTime64(3): milliseconds
        writeBytes(out, row.raw());
        writeText(out, row.reason());
        return out.toByteArray();
    }

    /**
     * A String column. Not {@link RowBuffer#writeString}, which refuses an unpaired surrogate: a reason may quote such
     * a value from the bad record itself, and the error row must be written whatever it holds.
     */
    private static void writeText(RowBuffer out, String value) {
        writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A String column holding arbitrary bytes: ClickHouse strings are byte arrays, not text. */
    private static void writeBytes(RowBuffer out, byte[] value) {
        out.writeVarUInt(value.length);
        out.writeBytes(value);
    }
}
