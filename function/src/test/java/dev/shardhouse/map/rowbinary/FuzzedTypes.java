package dev.shardhouse.map.rowbinary;

import java.util.List;

/**
 * The column types the fuzz tests write values into: one of each encoder, with timezones that have rules and
 * fixed offsets, and the wrappers. Shared so that a type added here is fuzzed by every oracle.
 */
public final class FuzzedTypes {

    public static final List<String> ALL = List.of(
            "String", "Nullable(String)", "FixedString(4)", "LowCardinality(Nullable(String))",
            "Int8", "UInt16", "Int64", "UInt64", "Int128", "UInt256",
            "Float32", "Float64", "Decimal(9, 2)", "Decimal(38, 10)", "Decimal256(20)",
            "Bool", "Date", "Date32", "Nullable(Date)",
            "DateTime", "DateTime('Europe/Berlin')", "DateTime64(3)", "DateTime64(9, 'America/New_York')",
            "Nullable(DateTime64(6, 'Asia/Kolkata'))", "DateTime('Etc/GMT-14')",
            "UUID", "IPv4", "IPv6", "Enum8('a' = 1, 'b' = -2)", "Enum16('x' = 1000, 'y' = -1000)",
            "Array(Nullable(Int32))", "Map(String, Float64)", "Tuple(a Int32, b Array(Nullable(String)))",
            "Tuple(UInt8, String)", "JSON");

    private FuzzedTypes() {
    }
}
