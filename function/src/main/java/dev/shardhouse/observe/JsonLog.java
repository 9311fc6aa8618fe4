package dev.shardhouse.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.event.Level;

/**
 * Where every line the functions print goes: one JSON object per line on stdout, so that CloudWatch keeps each line
 * (a stack trace included) as one entry, and each carries the request id of the invocation that printed it.
 */
public final class JsonLog {

    /**
     * Lines are built as trees and written by Jackson's streaming generator, never through an {@code ObjectMapper}: in
     * a fresh JVM on C1, building one and rendering a line with it loaded 600 more classes and took 200 ms against
     * 40 ms, and the first batch's line is part of a cold start (BENCHMARKS.md, "Cold start without a mapper").
     */
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFactory GENERATORS = new JsonFactory();

    /** Lambda runs one invocation at a time per process, so one id, set by the handler, holds for all its threads. */
    private static volatile String requestId;

    private JsonLog() {
    }

    /** The request id of the invocation now running; {@code null} during the init phase. */
    public static void requestId(String id) {
        requestId = id;
    }

    static ObjectNode line(Level level) {
        ObjectNode line = NODES.objectNode();
        line.put("level", level.name());
        if (requestId != null) {
            line.put("requestId", requestId);
        }
        return line;
    }

    /** The error's type, message and stack trace (causes included) as fields of their own. */
    static void error(ObjectNode line, Throwable error) {
        line.put("errorType", error.getClass().getName());
        line.put("errorMessage", error.getMessage());
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        line.put("stackTrace", trace.toString());
    }

    static String render(ObjectNode line) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = GENERATORS.createGenerator(text)) {
            write(line, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render a log line", e);
        }
        return text.toString();
    }

    private static void write(JsonNode node, JsonGenerator out) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    out.writeFieldName(field.getKey());
                    write(field.getValue(), out);
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (JsonNode element : node) {
                    write(element, out);
                }
                out.writeEndArray();
            }
            case STRING -> out.writeString(node.textValue());
            case BOOLEAN -> out.writeBoolean(node.booleanValue());
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> out.writeNumber(node.intValue());
                    case LONG -> out.writeNumber(node.longValue());
                    case BIG_INTEGER -> out.writeNumber(node.bigIntegerValue());
                    case FLOAT -> out.writeNumber(node.floatValue());
                    case DOUBLE -> out.writeNumber(node.doubleValue());
                    case BIG_DECIMAL -> out.writeNumber(node.decimalValue());
                }
            }
            default -> out.writeNull();
        }
    }

    /**
     * A field's value as a tree, as Jackson's {@code valueToTree} made it: text, numbers, booleans, enums, and
     * collections, maps and records of them; anything else as its text.
     */
    static JsonNode tree(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof AtomicInteger) {
            return NODES.numberNode(((Number) value).intValue());
        }
        if (value instanceof Long || value instanceof AtomicLong) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            // Each as Jackson writes it: a float's shortest text is not its double's.
            return value instanceof Float number ? NODES.numberNode(number) : NODES.numberNode((Double) value);
        }
        if (value instanceof BigInteger number) {
            return NODES.numberNode(number);
        }
        if (value instanceof BigDecimal number) {
            // As Jackson's trees hold decimals by default.
            return NODES.numberNode(number.stripTrailingZeros());
        }
        if (value instanceof Enum<?> constant) {
            return NODES.textNode(constant.name());
        }
        if (value instanceof Collection<?> elements) {
            var array = NODES.arrayNode();
            elements.forEach(element -> array.add(tree(element)));
            return array;
        }
        if (value instanceof Map<?, ?> entries) {
            ObjectNode object = NODES.objectNode();
            entries.forEach((key, element) -> object.set(String.valueOf(key), tree(element)));
            return object;
        }
        if (value instanceof Record record) {
            ObjectNode object = NODES.objectNode();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                object.set(component.getName(), tree(valueOf(component, record)));
            }
            return object;
        }
        return NODES.textNode(String.valueOf(value));
    }

    private static Object valueOf(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of a logged "
                    + record.getClass().getSimpleName(), e);
        }
    }

    static void print(String rendered) {
        System.out.println(rendered);
    }
}
