package dev.shardhouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentifierTest {

    @Test
    void aQualifiedNameIsReadAsClickHousePrintsIt() {
        assertEquals(Optional.of(List.of("shop", "orders_mv")), Identifier.parseQualified("shop.orders_mv"));
        assertEquals(Optional.of(List.of("shop", "orders-mv")), Identifier.parseQualified("shop.`orders-mv`"));
        assertEquals(Optional.of(List.of("my db", "a.b`c")), Identifier.parseQualified("`my db`.`a.b\\`c`"));
        assertEquals(Optional.of(List.of("db", "back\\slash")), Identifier.parseQualified("db.`back\\\\slash`"));
    }

    @Test
    void whatIsNotAQualifiedNameIsNone() {
        assertEquals(Optional.empty(), Identifier.parseQualified("orders_mv"));
        assertEquals(Optional.empty(), Identifier.parseQualified("shop.`orders"));
        assertEquals(Optional.empty(), Identifier.parseQualified("a.b.c"));
        assertEquals(Optional.empty(), Identifier.parseQualified(".b"));
        assertEquals(Optional.empty(), Identifier.parseQualified("a."));
        assertEquals(Optional.empty(), Identifier.parseQualified("`a`x.b"));
    }

    @Test
    void quotingAndReadingBackAgree() {
        for (String name : List.of("plain", "with-dash", "with space", "tick`inside", "back\\slash", "dot.ted")) {
            assertEquals(Optional.of(List.of("db", name)), Identifier.parseQualified("db." + Identifier.quote(name)));
        }
    }
}
