package dev.shardhouse.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shardhouse.config.ConfigException;
import org.junit.jupiter.api.Test;

class RecordFormatTest {

    @Test
    void parsesAnyCase() {
        assertEquals(RecordFormat.JSON, RecordFormat.parse("json"));
        assertEquals(RecordFormat.CSV, RecordFormat.parse("Csv"));
        assertEquals(RecordFormat.TSV, RecordFormat.parse(" TSV "));
        assertEquals(RecordFormat.RAW, RecordFormat.parse("raw"));
    }

    @Test
    void rejectsOtherValuesNamingTheSetting() {
        ConfigException e = assertThrows(ConfigException.class, () -> RecordFormat.parse("xml"));
        assertEquals("RECORD_FORMAT", e.setting());
        assertEquals("RECORD_FORMAT is invalid: 'xml'; expected JSON, CSV, TSV or RAW", e.getMessage());
        assertEquals("RECORD_FORMAT is not set; expected JSON, CSV, TSV or RAW",
                assertThrows(ConfigException.class, () -> RecordFormat.parse(null)).getMessage());
    }
}
