package dev.shardhouse.map.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shardhouse.map.RecordFormat;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.Optional;

/**
 * A case as one record of each format, with its row id first: the very bytes given both to Shardhouse (as a Kinesis
 * record) and to ClickHouse (as a line of {@code INSERT … FORMAT}). In CSV and TSV the field is the JSON value's text:
 * a string's content, a number's or boolean's literal, an array's or object's JSON; JSON null is {@code \N}.
 */
final class CaseLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CaseLines() {
    }

    /** The record, or empty when the format cannot express the case (an absent key outside JSON). */
    static Optional<String> record(RecordFormat format, int id, DiffCase c) {
        if (format == RecordFormat.JSON) {
            return Optional.of(c.absent() ? "{\"id\":" + id + "}" : "{\"id\":" + id + ",\"v\":" + c.value() + "}");
        }
        if (c.absent()) {
            return Optional.empty();
        }
        JsonNode node = parse(c.value());
        return Optional.of(switch (format) {
            case CSV -> id + "," + (node.isNull() ? "\\N" : csvField(text(node)));
            case TSV -> id + "\t" + (node.isNull() ? "\\N" : tsvField(text(node)));
            default -> throw new IllegalArgumentException("no lines for " + format);
        });
    }

    static JsonNode parse(String literal) {
        try {
            return JSON.readTree(literal);
        } catch (IOException e) {
            throw new UncheckedIOException("corpus value is not JSON: " + literal, e);
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : node.isContainerNode() ? node.toString() : node.asText();
    }

    /** Quoted when it must be (separator, quote, line break) or when quoting is what keeps its outer spaces. */
    private static String csvField(String text) {
        boolean quote = text.isEmpty() ? false : text.matches("(?s).*[,\"\\r\\n].*|^\\s.*|.*\\s$");
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static String tsvField(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
