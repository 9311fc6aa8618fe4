package dev.shardhouse.map;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The type a column's values are sent in: Nullable where the column has a DEFAULT that a NULL must turn into, its own
 * type wherever Nullable cannot wrap it or would change nothing.
 */
class ColumnTest {

    private static String sent(String type, String defaultKind) {
        return new Column("c", type, defaultKind).sentType();
    }

    @Test
    void aColumnWithADefaultExpressionIsSentNullable() {
        assertEquals("Nullable(UInt32)", sent("UInt32", "DEFAULT"));
        assertEquals("Nullable(DateTime64(3, 'UTC'))", sent("DateTime64(3, 'UTC')", "DEFAULT"));
        assertEquals("Nullable(String)", sent("String", "EPHEMERAL"));
    }

    @Test
    void lowCardinalityKeepsNullableInside() {
        assertEquals("LowCardinality(Nullable(String))", sent("LowCardinality(String)", "DEFAULT"));
        assertEquals("LowCardinality(Nullable(String))", sent("LowCardinality(Nullable(String))", "DEFAULT"));
    }

    @Test
    void aColumnWithoutDefaultExpressionIsSentInItsOwnType() {
        assertEquals("UInt32", sent("UInt32", ""));
        assertEquals("LowCardinality(String)", sent("LowCardinality(String)", ""));
    }

    @Test
    void typesNullableCannotWrapAreSentAsTheyAre() {
        for (String type : new String[] {"Nullable(String)", "Array(String)", "Map(String, UInt8)", "Tuple(UInt8)"}) {
            assertEquals(type, sent(type, "DEFAULT"), type);
        }
    }
}
