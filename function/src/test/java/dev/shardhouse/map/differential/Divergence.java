package dev.shardhouse.map.differential;

import dev.shardhouse.map.RecordFormat;

/** A case whose record Shardhouse and ClickHouse's own format stored differently, or only one of them refused. */
record Divergence(DiffCase diffCase, RecordFormat format, Outcome shardhouse, Outcome clickHouse) {

    /** Tab-separated, for the report: type, format, value, Shardhouse's outcome, ClickHouse's. */
    String line() {
        return diffCase.type() + "\t" + format + "\t" + diffCase.value() + "\t" + shardhouse + "\t" + clickHouse;
    }
}
