package dev.shardhouse.map.differential;

import com.clickhouse.client.api.insert.InsertSettings;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.decode.UserRecord;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.map.MapResult;
import dev.shardhouse.map.MappedRow;
import dev.shardhouse.map.Mapping;
import dev.shardhouse.map.MappingFailure;
import dev.shardhouse.map.RecordFormat;
import dev.shardhouse.map.RowLayout;
import dev.shardhouse.map.RowMapper;
import dev.shardhouse.map.TargetTable;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records through Shardhouse's own path: the table's definition read as the function reads it, each record mapped
 * by {@link RowMapper}, the rows inserted in one insert through {@code input()} with the mapping's row layout, as the
 * function's {@code BatchWriter} inserts them. A record the mapper refuses is refused
 * with its reason; if ClickHouse refuses the insert, halves are retried until the rows it refuses are found (the
 * function finds them by its dry run and sends them to the error table too).
 */
final class ShardhouseSide {

    private static final Position POSITION = Position.of("49590338271490256608559692538361571095921575989136588898", 0);
    private static final Instant ARRIVAL = Instant.parse("2024-01-15T10:30:00.123Z");

    private final ClickHouseSql sql;
    private final DiffTable table;

    ShardhouseSide(ClickHouseSql sql, DiffTable table) {
        this.sql = sql;
        this.table = table;
    }

    /** @param records by format, lines by row id; all row ids distinct */
    Map<Integer, Outcome> insert(Map<RecordFormat, Map<Integer, String>> records) throws Exception {
        Map<Integer, Outcome> outcomes = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        RowLayout layout = null;
        for (Map.Entry<RecordFormat, Map<Integer, String>> format : records.entrySet()) {
            Mapping mapping = new TargetTable(sql, table.database(), table.name(), format.getKey()).current();
            layout = mapping.layout();
            RowMapper mapper = mapping.mapper();
            for (Map.Entry<Integer, String> record : format.getValue().entrySet()) {
                MapResult result = mapper.map(new UserRecord(POSITION, "pk",
                        ARRIVAL, record.getValue().getBytes(StandardCharsets.UTF_8)), "diff", "shardId-0");
                if (result instanceof MappingFailure failure) {
                    outcomes.put(record.getKey(), new Outcome.Refused(failure.reason()));
                } else {
                    rows.add(new Row(record.getKey(), ((MappedRow) result).rowBinary()));
                }
            }
        }
        table.truncate();
        insertFindingRefusals(layout, rows, outcomes);
        Map<Integer, String> stored = table.values();
        for (Row row : rows) {
            outcomes.putIfAbsent(row.id, stored.containsKey(row.id) ? new Outcome.Stored(stored.get(row.id))
                    : new Outcome.Refused("accepted but stored no row"));
        }
        return outcomes;
    }

    private void insertFindingRefusals(RowLayout layout, List<Row> rows, Map<Integer, Outcome> outcomes) {
        if (rows.isEmpty()) {
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        rows.forEach(row -> body.writeBytes(row.rowBinary));
        try {
            sql.insertFromInput(table.qualified(), layout, "", out -> out.write(body.toByteArray()),
                    new InsertSettings());
        } catch (RuntimeException e) {
            if (rows.size() == 1) {
                outcomes.put(rows.get(0).id, new Outcome.Refused("ClickHouse refused the row: " + DiffTable.reason(e)));
                return;
            }
            int half = rows.size() / 2;
            insertFindingRefusals(layout, rows.subList(0, half), outcomes);
            insertFindingRefusals(layout, rows.subList(half, rows.size()), outcomes);
        }
    }

    private record Row(int id, byte[] rowBinary) {
    }
}
