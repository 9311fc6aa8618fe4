package dev.shardhouse.local.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a chaos record holds, and the row it must become. Every value is a function of the record's id, chosen so that
 * it stays checkable through the table's changes: {@code amount} is an integer below 2^32, exact both as the UInt32 it
 * starts as and as the Float64 it is retyped to; {@code added} is only put into records produced after its column was
 * added (so every row of a record without it holds the column's default); {@code ok = 0}, which the CHECK constraint
 * refuses, only into records produced after the constraint was added (so each such record belongs in the error table,
 * every other one in the target); {@code note} is not a number in one record of a hundred, which the view's
 * {@code toUInt32} fails on.
 */
final class ChaosRecords {

    /** The columns filled from a record's fields, as the table has them at the start (plus {@code added}). */
    static final List<String> COLUMNS = List.of("generation", "id", "payload", "amount", "obsolete", "ok", "note", "added");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAYLOAD = "x".repeat(100);
    private static final int ONE_IN = 100;
    private static final long AMOUNT_PRIME = 4_294_967_291L;

    private ChaosRecords() {
    }

    /**
     * @param withAdded    the {@code added} column exists (the producer saw its ALTER return)
     * @param mayBeRefused the CHECK constraint exists: one record in a hundred gets {@code ok = 0}
     */
    static String json(int generation, int id, boolean withAdded, boolean mayBeRefused) {
        boolean refused = mayBeRefused && id % ONE_IN == 37;
        String note = id % ONE_IN == 53 ? "n/a" : Integer.toString(id);
        return "{\"generation\":" + generation + ",\"id\":" + id + ",\"payload\":\"" + PAYLOAD + "\",\"amount\":"
                + (long) id * 65_537 % AMOUNT_PRIME + ",\"obsolete\":\"o" + id + "\",\"ok\":" + (refused ? 0 : 1)
                + ",\"note\":\"" + note + "\"" + (withAdded ? ",\"added\":" + 3L * id : "") + "}";
    }

    /** Whether the record was produced after the {@code added} column existed. */
    static boolean carriesAdded(String json) {
        return parse(json).has("added");
    }

    /** Whether a table with the CHECK constraint refuses the record. */
    static boolean refused(String json) {
        return parse(json).path("ok").asInt() == 0;
    }

    /**
     * The values (as ClickHouse's {@code toString} gives them) that the row of this record must hold in the given
     * columns: the field's, or 0 when the record has none (only {@code added} may be missing, a UInt64 defaulting to 0).
     */
    static Map<String, String> expectedRow(String json, List<String> columns) {
        JsonNode record = parse(json);
        Map<String, String> row = new LinkedHashMap<>();
        for (String column : columns) {
            JsonNode field = record.get(column);
            row.put(column, field == null ? "0" : field.asText());
        }
        return row;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a chaos record: " + json, e);
        }
    }
}
