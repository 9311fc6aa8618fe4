package dev.shardhouse.map.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.map.RecordFormat;
import org.junit.jupiter.api.Test;

class DeliberateRuleTest {

    private static final DeliberateRule WRAP = DeliberateRule.parse(
            "| I1 | `(Nullable\\()?U?Int\\d+\\)?` | JSON, CSV | `\"?-?\\d+\"?\\|true` | refuses | stores | wraps |");

    private static Divergence divergence(String type, RecordFormat format, String value, boolean shardhouseStores,
                                         boolean clickHouseStores) {
        return new Divergence(new DiffCase(type, value), format,
                shardhouseStores ? new Outcome.Stored("1") : new Outcome.Refused("out of range"),
                clickHouseStores ? new Outcome.Stored("-128") : new Outcome.Refused("cannot parse"));
    }

    @Test
    void coversItsTypesFormatsValuesAndDirectionOnly() {
        assertEquals("I1", WRAP.id());
        assertEquals("wraps", WRAP.reason());
        assertTrue(WRAP.covers(divergence("Int8", RecordFormat.JSON, "128", false, true)));
        assertTrue(WRAP.covers(divergence("Nullable(UInt64)", RecordFormat.CSV, "\"-1\"", false, true)));
        assertTrue(WRAP.covers(divergence("Int8", RecordFormat.JSON, "true", false, true)), "\\| is a bar in the regex");
        assertFalse(WRAP.covers(divergence("Int8", RecordFormat.TSV, "128", false, true)), "format not listed");
        assertFalse(WRAP.covers(divergence("Float32", RecordFormat.JSON, "128", false, true)), "type not matched");
        assertFalse(WRAP.covers(divergence("Int8", RecordFormat.JSON, "1.5", false, true)), "value matched whole");
        assertFalse(WRAP.covers(divergence("Int8", RecordFormat.JSON, "128", true, true)),
                "Shardhouse storing another value is not Shardhouse refusing");
        assertFalse(WRAP.covers(divergence("Int8", RecordFormat.JSON, "128", false, false)));
    }

    @Test
    void malformedRowsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DeliberateRule.parse("| I1 | `Int8` | JSON | `1` | refuses |"));
        assertThrows(IllegalArgumentException.class,
                () -> DeliberateRule.parse("| I1 | Int8 | JSON | `1` | refuses | stores | why |"));
        assertThrows(IllegalArgumentException.class,
                () -> DeliberateRule.parse("| I1 | `Int8` | JSON | `1` | rejects | stores | why |"));
    }
}
