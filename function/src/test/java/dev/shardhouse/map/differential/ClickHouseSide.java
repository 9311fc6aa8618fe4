package dev.shardhouse.map.differential;

import com.clickhouse.data.ClickHouseFormat;
import dev.shardhouse.map.RecordFormat;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The oracle: the records inserted with ClickHouse's own {@code FORMAT JSONEachRow}, {@code CSV} or
 * {@code TabSeparated}, with the server's default settings. One insert per format skips the rows ClickHouse refuses
 * ({@code input_format_allow_errors_*}). A skipped row that Shardhouse stored is then inserted alone, strictly, into a
 * scratch table of the same type, so a refusal that makes a divergence is ClickHouse's own verdict on that row, with
 * its message as the reason; a row both refused needs no second look.
 */
final class ClickHouseSide {

    private static final Map<String, String> SKIP_ERRORS = Map.of(
            "input_format_allow_errors_num", "1000000000", "input_format_allow_errors_ratio", "1");

    private final DiffTable table;
    private final DiffTable scratch;

    ClickHouseSide(DiffTable table, DiffTable scratch) {
        this.table = table;
        this.scratch = scratch;
    }

    /**
     * @param records lines by row id, all of one format
     * @param storedByShardhouse the row ids Shardhouse stored: the skipped ones among them are tried alone
     */
    Map<Integer, Outcome> insert(RecordFormat format, Map<Integer, String> records, Set<Integer> storedByShardhouse)
            throws Exception {
        ClickHouseFormat clickHouseFormat = switch (format) {
            case JSON -> ClickHouseFormat.JSONEachRow;
            case CSV -> ClickHouseFormat.CSV;
            case TSV -> ClickHouseFormat.TabSeparated;
            case RAW -> throw new IllegalArgumentException("RAW has no ClickHouse counterpart");
        };
        table.truncate();
        Map<Integer, Outcome> outcomes = new HashMap<>();
        insertSkipping(clickHouseFormat, List.copyOf(records.entrySet()), outcomes);
        Map<Integer, String> stored = table.values();
        for (Map.Entry<Integer, String> record : records.entrySet()) {
            String value = stored.get(record.getKey());
            if (value != null) {
                outcomes.put(record.getKey(), new Outcome.Stored(value));
            } else if (!outcomes.containsKey(record.getKey())) {
                outcomes.put(record.getKey(), storedByShardhouse.contains(record.getKey())
                        ? alone(clickHouseFormat, record.getKey(), record.getValue())
                        : new Outcome.Refused("skipped by an insert with input_format_allow_errors_num"));
            }
        }
        return outcomes;
    }

    /**
     * Some errors cannot be skipped (a decimal overflow fails the whole insert): then halves are inserted, down to
     * the single row whose refusal that is.
     */
    private void insertSkipping(ClickHouseFormat format, List<Map.Entry<Integer, String>> records,
                                Map<Integer, Outcome> outcomes) throws Exception {
        if (records.isEmpty()) {
            return;
        }
        try {
            table.insert(body(records.stream().map(Map.Entry::getValue).toList()), format, SKIP_ERRORS);
        } catch (Exception e) {
            if (records.size() == 1) {
                outcomes.put(records.get(0).getKey(), new Outcome.Refused(DiffTable.reason(e)));
                return;
            }
            int half = records.size() / 2;
            insertSkipping(format, records.subList(0, half), outcomes);
            insertSkipping(format, records.subList(half, records.size()), outcomes);
        }
    }

    private Outcome alone(ClickHouseFormat format, int id, String record) throws Exception {
        scratch.truncate();
        try {
            scratch.insert(body(List.of(record)), format, Map.of());
        } catch (Exception e) {
            return new Outcome.Refused(DiffTable.reason(e));
        }
        String value = scratch.values().get(id);
        return value == null ? new Outcome.Refused("accepted but stored no row") : new Outcome.Stored(value);
    }

    private static byte[] body(Iterable<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
