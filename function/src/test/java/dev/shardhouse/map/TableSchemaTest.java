package dev.shardhouse.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableSchemaTest {

    private static ConfigException rejection(Column... columns) {
        return assertThrows(ConfigException.class, () -> TableSchema.of("db", "events", List.of(columns)));
    }

    @Test
    void insertableColumnsExcludeMaterializedAndAlias() {
        TableSchema schema = TableSchema.of("db", "events", List.of(
                new Column("id", "UInt64", ""),
                new Column("doubled", "UInt64", "MATERIALIZED"),
                new Column("note", "String", "DEFAULT"),
                new Column("alias", "UInt64", "ALIAS"),
                new Column("scratch", "String", "EPHEMERAL"),
                new Column("_shard_id", "String", "")));
        assertEquals(List.of("`id`", "`note`", "`scratch`", "`_shard_id`"), schema.quotedColumnNames());
        assertEquals(List.of("id", "note", "scratch"), schema.payloadColumns().stream().map(ColumnEncoder::name).toList());
        assertEquals("`db`.`events`", schema.qualifiedName());
    }

    @Test
    void columnNamesAreQuoted() {
        TableSchema schema = TableSchema.of("db", "events", List.of(new Column("we`ird name", "String", "")));
        assertEquals(List.of("`we\\`ird name`"), schema.quotedColumnNames());
    }

    @Test
    void unsupportedTypeNamesTableColumnAndType() {
        ConfigException e = rejection(new Column("id", "UInt64", ""), new Column("choice", "Variant(String, UInt64)", ""));
        assertEquals("TARGET_TABLE", e.setting());
        assertTrue(e.getMessage().startsWith("TARGET_TABLE: column `choice` of `db`.`events` has type "
                + "Variant(String, UInt64), which Shardhouse cannot write: Variant is not supported. Supported: String,"),
                e.getMessage());
        assertTrue(rejection(new Column("anything", "Dynamic", "")).getMessage().startsWith("TARGET_TABLE: column "
                + "`anything` of `db`.`events` has type Dynamic, which Shardhouse cannot write: Dynamic is not supported."));
    }

    @Test
    void tupleAndJsonColumnsAreAcceptedAndTheirInsertsCarryTheSettingsTheyNeed() {
        TableSchema plain = TableSchema.of("db", "events", List.of(new Column("pair", "Tuple(a Int32, b String)", ""),
                new Column("pairs", "Array(Tuple(Int32, String))", "")));
        assertEquals(Map.of(), plain.layout(Optional.empty()).settings());
        TableSchema nested = TableSchema.of("db", "events", List.of(new Column("id", "UInt64", ""),
                new Column("doc", "JSON", ""), new Column("maybe", "Nullable(Tuple(a Int32))", "")));
        assertEquals(Map.of("input_format_binary_read_json_as_string", "1", "enable_nullable_tuple_type", "1"),
                nested.layout(Optional.empty()).settings());
        assertEquals("`id` UInt64, `doc` JSON, `maybe` Nullable(Tuple(a Int32))",
                nested.layout(Optional.empty()).structure());
    }

    @Test
    void unsupportedTypeInANonInsertableColumnIsIgnored() {
        TableSchema schema = TableSchema.of("db", "events", List.of(
                new Column("id", "UInt64", ""), new Column("pair", "Tuple(UInt64, UInt64)", "MATERIALIZED")));
        assertEquals(List.of("`id`"), schema.quotedColumnNames());
    }

    @Test
    void metadataColumnsMustHaveFittingTypes() {
        assertEquals("TARGET_TABLE: metadata column `_timestamp` of `db`.`events` has type String; it must be "
                + "DateTime or DateTime64(n)", rejection(new Column("_timestamp", "String", "")).getMessage());
        assertEquals("TARGET_TABLE: metadata column `_sub_sequence_number` of `db`.`events` has type String; it must "
                + "be an integer type", rejection(new Column("_sub_sequence_number", "String", "")).getMessage());
        assertEquals("TARGET_TABLE: metadata column `_stream` of `db`.`events` has type UInt8; it must be String",
                rejection(new Column("_stream", "UInt8", "")).getMessage());
        assertEquals("TARGET_TABLE: metadata column `_raw_message` of `db`.`events` has type Nullable(String); it "
                + "must be String", rejection(new Column("_raw_message", "Nullable(String)", "")).getMessage());
    }

    @Test
    void metadataColumnsAcceptEveryFittingType() {
        TableSchema schema = TableSchema.of("db", "events", List.of(
                new Column("_stream", "LowCardinality(String)", ""),
                new Column("_sub_sequence_number", "UInt16", ""),
                new Column("_timestamp", "DateTime('UTC')", "")));
        assertTrue(schema.columns().stream().allMatch(ColumnEncoder::isMetadata));
        assertTrue(schema.payloadColumns().isEmpty());
    }

    @Test
    void tableWithoutInsertableColumnIsRejected() {
        assertEquals("TARGET_TABLE: table `db`.`events` has no insertable column",
                rejection(new Column("a", "UInt8", "ALIAS")).getMessage());
    }
}
