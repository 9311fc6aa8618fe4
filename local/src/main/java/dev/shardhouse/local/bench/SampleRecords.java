package dev.shardhouse.local.bench;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Click events of a chosen size, as JSON or CSV documents, generated deterministically from their id so that
 * every contender receives the very same bytes. Ids never repeat within a run, so no two inserts carry identical
 * blocks (which a deduplicating table would silently drop, making the repeat look fast).
 */
final class SampleRecords {

    /** The target table's columns and types, in order; the JSON keys and CSV fields follow them. */
    static final List<Map.Entry<String, String>> COLUMNS = List.of(
            Map.entry("event_id", "String"),
            Map.entry("ts", "DateTime64(3)"),
            Map.entry("user_id", "UInt64"),
            Map.entry("event_type", "LowCardinality(String)"),
            Map.entry("amount", "Float64"),
            Map.entry("payload", "String"));

    private static final String[] EVENT_TYPES = {"view", "click", "add_to_cart", "purchase", "search"};
    private static final char[] PAYLOAD_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 ".toCharArray();
    private static final LocalDateTime EPOCH = LocalDateTime.of(2026, 11, 25, 0, 0);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private SampleRecords() {
    }

    /** {@code event_id String, ts DateTime64(3), ...}: the column list of a CREATE TABLE. */
    static String columnsDdl() {
        return COLUMNS.stream().map(column -> column.getKey() + " " + column.getValue()).collect(Collectors.joining(", "));
    }

    /** A JSON object of exactly {@code targetBytes} bytes (or its fixed fields alone, if those are longer). */
    static byte[] json(long id, int targetBytes) {
        Fields fields = Fields.of(id);
        String head = "{\"event_id\":\"" + fields.eventId + "\",\"ts\":\"" + fields.ts + "\",\"user_id\":" + fields.userId
                + ",\"event_type\":\"" + fields.eventType + "\",\"amount\":" + fields.amount + ",\"payload\":\"";
        String tail = "\"}";
        return (head + payload(id, targetBytes - head.length() - tail.length()) + tail).getBytes(StandardCharsets.US_ASCII);
    }

    /** The same event as one CSV row of exactly {@code targetBytes} bytes (or its fixed fields alone). */
    static byte[] csv(long id, int targetBytes) {
        Fields fields = Fields.of(id);
        String head = fields.eventId + "," + fields.ts + "," + fields.userId + "," + fields.eventType + ","
                + fields.amount + ",";
        return (head + payload(id, targetBytes - head.length())).getBytes(StandardCharsets.US_ASCII);
    }

    /** Lowercase text with spaces: compresses like real free text, not like a run of one letter. */
    private static String payload(long id, int length) {
        SplittableRandom random = new SplittableRandom(id);
        char[] text = new char[Math.max(0, length)];
        for (int i = 0; i < text.length; i++) {
            text[i] = PAYLOAD_ALPHABET[random.nextInt(PAYLOAD_ALPHABET.length)];
        }
        return new String(text);
    }

    private record Fields(String eventId, String ts, long userId, String eventType, String amount) {
        static Fields of(long id) {
            SplittableRandom random = new SplittableRandom(~id);
            return new Fields(
                    String.format("evt-%012d", id),
                    EPOCH.plusNanos(id * 1_000_000L).format(TIMESTAMP),
                    random.nextLong(1, 10_000_000),
                    EVENT_TYPES[random.nextInt(EVENT_TYPES.length)],
                    String.valueOf(random.nextInt(1, 100_000) / 100.0));
        }
    }
}
