package dev.shardhouse.local.chaos;

import dev.shardhouse.dedup.Position;
import dev.shardhouse.local.demo.RecordKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Every stored row of a pipeline compared with what its record should map to: a row of the target table must hold
 * the record's values (see {@link ChaosRecords}), a row of the error table its data byte for byte, and each must be in
 * the right table: a record the CHECK constraint refuses in the error table, any other in the target. Rows of records
 * never produced are left to {@link dev.shardhouse.local.demo.Verification}, and so is whether a record is stored
 * exactly once across both tables: this check does not relax that.
 *
 * <p>Once the operator dropped the constraint ({@link ConstraintHistory#DROPPED_BY_OPERATOR}), a refusable record may
 * be in either table, but not in any order: a shard's claims are decided one after another, a refusable record reaches
 * the target table only through an insert made after the drop, and every claim after that one is decided after the
 * drop too, so nothing after it on the shard can have been refused. So on each shard, every refusable record in the
 * target table must lie after every refusable record in the error table; one at or before such a record is misrouted.
 *
 * @param wrongValues rows that differ from their record, misrouted ones included
 * @param misrouted   rows in the table their record does not belong in
 * @param examples    the first few wrong rows, for the figures
 */
record ValueCheck(long wrongValues, long misrouted, List<String> examples) {

    private static final int LISTED = 10;

    /** A stored row: its record, and its values by column ({@code raw_data} alone for the error table). */
    record StoredRow(RecordKey key, Map<String, String> values) {
    }

    /** A shard of one generation of the stream: a recreated stream reuses shard ids, with claims of its own. */
    private record Shard(OptionalInt generation, String shardId) {
        static Shard of(RecordKey key) {
            return new Shard(key.generation(), key.shardId());
        }
    }

    ValueCheck {
        examples = List.copyOf(examples);
    }

    /**
     * @param produced   the data of every record produced
     * @param columns    the record's columns the target table has now
     * @param constraint what became of the target table's CHECK constraint
     */
    static ValueCheck of(Map<RecordKey, String> produced, List<StoredRow> target, List<StoredRow> errors,
                         List<String> columns, ConstraintHistory constraint) {
        boolean refuses = constraint != ConstraintHistory.NEVER_ADDED;
        long wrong = 0;
        long misrouted = 0;
        List<String> examples = new ArrayList<>();
        Map<Shard, Position> lastRefusedInErrors = constraint == ConstraintHistory.DROPPED_BY_OPERATOR
                ? lastRefusedInErrors(produced, errors) : Map.of();
        for (StoredRow row : target) {
            String data = produced.get(row.key());
            if (data == null) {
                continue;
            }
            boolean refusable = refuses && ChaosRecords.refused(data);
            Position before = lastRefusedInErrors.get(Shard.of(row.key()));
            boolean belongsHere = !refusable || constraint == ConstraintHistory.DROPPED_BY_OPERATOR
                    && (before == null || row.key().position().compareTo(before) > 0);
            Map<String, String> expected = ChaosRecords.expectedRow(data, columns);
            if (!belongsHere || !expected.equals(row.values())) {
                wrong++;
                misrouted += belongsHere ? 0 : 1;
                note(examples, row.key() + " in the table: " + row.values() + ", expected " + (belongsHere ? expected
                        : before == null ? "in the error table"
                        : "in the error table, as a refusable record of its shard at or after it is (at " + before + ")"));
            }
        }
        for (StoredRow row : errors) {
            String data = produced.get(row.key());
            if (data == null) {
                continue;
            }
            boolean belongsHere = refuses && ChaosRecords.refused(data);
            if (!belongsHere || !data.equals(row.values().get("raw_data"))) {
                wrong++;
                misrouted += belongsHere ? 0 : 1;
                note(examples, row.key() + " in the error table: " + row.values() + ", expected "
                        + (belongsHere ? data : "in the table"));
            }
        }
        return new ValueCheck(wrong, misrouted, examples);
    }

    /** Per shard, the position of the last refusable record in the error table: the constraint still held there. */
    private static Map<Shard, Position> lastRefusedInErrors(Map<RecordKey, String> produced, List<StoredRow> errors) {
        Map<Shard, Position> last = new HashMap<>();
        for (StoredRow row : errors) {
            String data = produced.get(row.key());
            if (data != null && ChaosRecords.refused(data)) {
                last.merge(Shard.of(row.key()), row.key().position(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return last;
    }

    private static void note(List<String> examples, String line) {
        if (examples.size() < LISTED) {
            examples.add(line);
        }
    }
}
