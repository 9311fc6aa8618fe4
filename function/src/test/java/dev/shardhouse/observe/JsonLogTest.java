package dev.shardhouse.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Lines are rendered without an ObjectMapper (a cold start's cost): they must read exactly as Jackson's
 * {@code valueToTree} and {@code writeValueAsString} rendered them, for every kind of value the functions log.
 */
class JsonLogTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    /** A record as the batch line's {@code millis} is one. */
    record Millis(double decode, double map, long total) {
    }

    @Test
    void everyKindOfLoggedValueRendersAsJacksonRenderedIt() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("b", List.of(1, 2));
        nested.put("a", null);
        List<Object> values = Arrays.asList("text with \"quotes\", \\ and \u00e9 \u2028 \n", "", 0, -7, Integer.MAX_VALUE,
                Long.MIN_VALUE, 38.96, 0.1 + 0.2, 1e-7, 1.0E21, Double.NaN, -0.0, 3.5f, new BigDecimal("12.3400"), new BigDecimal("0.000"), new BigDecimal("1E+3"),
                new BigInteger("123456789012345678901234567890"), true, false, null, List.of("x", "y"), List.of(),
                Set.of("only"), nested, (short) 3, (byte) -1, new java.util.concurrent.atomic.AtomicLong(5), new java.util.concurrent.atomic.AtomicInteger(6), Thread.State.NEW,
                List.of(new Millis(1, 2, 3)), Map.of("k", List.of(Map.of("deep", 1.5))), new Millis(0.06, 1.25, 39), JACKSON.createObjectNode().put("tree", 1));
        for (Object value : values) {
            ObjectNode ours = JsonLog.line(org.slf4j.event.Level.INFO);
            ours.set("field", JsonLog.tree(value));
            ObjectNode theirs = JACKSON.createObjectNode().put("level", "INFO");
            theirs.set("field", JACKSON.valueToTree(value));

            assertEquals(JACKSON.writeValueAsString(theirs), JsonLog.render(ours), "value " + value);
        }
    }
}
