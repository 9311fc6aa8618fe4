package dev.shardhouse.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shardhouse.map.rowbinary.JsonInput;
import dev.shardhouse.map.rowbinary.Written;
import dev.shardhouse.map.text.Utf8;
import java.util.List;

/**
 * The flat JSON reader against Jackson's tree, the path every record it declines takes: whatever it accepts, the
 * tree reads without error, and every column gets from it the same bytes, or the same refusal, as from the tree.
 * Regression mode replays the corpus in {@code FlatJsonObjectFuzzTestInputs/}; bin/fuzz fuzzes.
 */
class FlatJsonObjectFuzzTest {

    private static final List<ColumnEncoder> COLUMNS = FuzzedTables.everyType().payloadColumns();
    private static final FlatJsonObject FLAT = new FlatJsonObject(COLUMNS);

    static {
        // Loads (and when fuzzing, instruments) Jackson before the first input, whose run time the fuzzer limits.
        JsonInput.parse(new byte[] {'{', '}'});
    }

    @FuzzTest
    void flatReaderAgreesWithTheTree(byte[] record) {
        if (!Utf8.isValid(record, 0, record.length) || !FLAT.read(record)) {
            return; // invalid UTF-8 is refused before either reader, and a declined record is the tree's alone
        }
        JsonNode tree = JsonInput.parse(record);
        assertTrue(tree.isObject(), "the flat reader accepted a " + tree.getNodeType());
        for (int i = 0; i < COLUMNS.size(); i++) {
            ColumnEncoder column = COLUMNS.get(i);
            int index = i;
            assertEquals(Written.by(out -> column.writeJson(tree.get(column.name()), out)),
                    Written.by(out -> FLAT.writeColumn(column, index, out)), column.describe());
        }
    }
}
