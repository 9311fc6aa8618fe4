package dev.shardhouse.simulation;

import dev.shardhouse.map.Column;
import dev.shardhouse.map.Mapping;
import dev.shardhouse.map.RecordFormat;
import dev.shardhouse.map.RowMapper;
import dev.shardhouse.map.TableSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * One definition of the simulated target table: {@code _sequence_number String, id String, v UInt32}, plus
 * {@code w UInt32 DEFAULT 7} once added, plus {@code CONSTRAINT small CHECK v < 100} while it exists. Its mapping is
 * built by the real {@link RowMapper}, so rows are encoded exactly as against ClickHouse.
 */
record TableVersion(boolean extraColumn, boolean checkConstraint) {

    static final TableVersion INITIAL = new TableVersion(false, true);

    /** The definition's digest, as {@code TargetTable} makes one of a create_table_query. */
    String fingerprint() {
        return (extraColumn ? "cols+w" : "cols") + (checkConstraint ? "+check" : "");
    }

    Mapping mapping() {
        List<Column> columns = new ArrayList<>(List.of(new Column("_sequence_number", "String", ""),
                new Column("id", "String", ""), new Column("v", "UInt32", "")));
        if (extraColumn) {
            columns.add(new Column("w", "UInt32", "DEFAULT"));
        }
        TableSchema schema = TableSchema.of("simulated", "events", columns);
        return new Mapping(schema, new RowMapper(schema, RecordFormat.JSON), fingerprint(), true, fingerprint());
    }

    TableVersion withColumn() {
        return new TableVersion(true, checkConstraint);
    }

    TableVersion toggledConstraint() {
        return new TableVersion(extraColumn, !checkConstraint);
    }

    static TableVersion ofFingerprint(String fingerprint) {
        return new TableVersion(fingerprint.startsWith("cols+w"), fingerprint.endsWith("+check"));
    }
}
