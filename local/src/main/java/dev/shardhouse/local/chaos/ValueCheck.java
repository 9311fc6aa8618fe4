package dev.shardhouse.local.chaos;

import dev.shardhouse.local.demo.RecordKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every stored row of a pipeline compared with what its record should map to: a row of the target table must hold
 * the record's values (see {@link ChaosRecords}), a row of the error table its data byte for byte, and each must be in
 * the right table: a record the CHECK constraint refuses in the error table, any other in the target. Rows of records
 * never produced are left to {@link dev.shardhouse.local.demo.Verification}.
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

    ValueCheck {
        examples = List.copyOf(examples);
    }

    /**
     * @param produced    the data of every record produced
     * @param columns     the record's columns the target table has now
     * @param constrained whether the target table got the CHECK constraint
     */
    static ValueCheck of(Map<RecordKey, String> produced, List<StoredRow> target, List<StoredRow> errors,
                         List<String> columns, boolean constrained) {
        long wrong = 0;
        long misrouted = 0;
        List<String> examples = new ArrayList<>();
        for (StoredRow row : target) {
            String data = produced.get(row.key());
            if (data == null) {
                continue;
            }
            boolean belongsHere = !(constrained && ChaosRecords.refused(data));
            Map<String, String> expected = ChaosRecords.expectedRow(data, columns);
            if (!belongsHere || !expected.equals(row.values())) {
                wrong++;
                misrouted += belongsHere ? 0 : 1;
                note(examples, row.key() + " in the table: " + row.values() + ", expected "
                        + (belongsHere ? expected : "in the error table"));
            }
        }
        for (StoredRow row : errors) {
            String data = produced.get(row.key());
            if (data == null) {
                continue;
            }
            boolean belongsHere = constrained && ChaosRecords.refused(data);
            if (!belongsHere || !data.equals(row.values().get("raw_data"))) {
                wrong++;
                misrouted += belongsHere ? 0 : 1;
                note(examples, row.key() + " in the error table: " + row.values() + ", expected "
                        + (belongsHere ? data : "in the table"));
            }
        }
        return new ValueCheck(wrong, misrouted, examples);
    }

    private static void note(List<String> examples, String line) {
        if (examples.size() < LISTED) {
            examples.add(line);
        }
    }
}
