package dev.shardhouse.dedup;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which records of a claim go to the error table instead of the target table, and why: those that could not be
 * mapped when the claim was made, and those ClickHouse refused. The claim pins it so that a replay routes every
 * record exactly as the attempt did, whatever the table looks like by then: a record the attempt sent to the
 * error table must not reach the target under the same token, nor the reverse, or it would be in both tables or in
 * neither (issue 12, cases 5 and 6).
 *
 * @param errors the records' ordinals within the claim (0 = its first record, in position order) and their reasons;
 *               a reason may be empty where it was too long to keep, never the ordinal
 */
public record Routing(SortedMap<Integer, String> errors) {

    public static final Routing NONE = new Routing(new TreeMap<>());

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    /** Longer reasons are cut: the claim lives in the keeper, whose writes should stay small. */
    static final int MAX_REASON_CHARS = 300;
    /** Past this many records, only the ordinals are kept (a batch of garbage would otherwise make a huge claim). */
    static final int MAX_REASONS = 1000;

    public Routing {
        errors = Collections.unmodifiableSortedMap(new TreeMap<>(errors));
        errors.keySet().forEach(ordinal -> {
            if (ordinal < 0) {
                throw new IllegalArgumentException("a record's ordinal in its claim is not negative: " + ordinal);
            }
        });
    }

    public boolean toErrors(int ordinal) {
        return errors.containsKey(ordinal);
    }

    /** The reason kept for a record routed to the error table, if one was kept. */
    public Optional<String> reason(int ordinal) {
        return Optional.ofNullable(errors.get(ordinal)).filter(reason -> !reason.isEmpty());
    }

    public int size() {
        return errors.size();
    }

    /** This routing and {@code more} records to the error table. */
    public Routing with(Map<Integer, String> more) {
        TreeMap<Integer, String> all = new TreeMap<>(errors);
        all.putAll(more);
        return new Routing(all);
    }

    /**
     * {@code ordinal=reason,…} with each reason in base64url: the text travels as a query parameter, which ClickHouse
     * reads with escapes, and reasons quote bad records, so they may hold any character. Reasons are cut, and kept
     * for the first records only.
     */
    public String encode() {
        StringBuilder text = new StringBuilder();
        int kept = 0;
        for (Map.Entry<Integer, String> error : errors.entrySet()) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(error.getKey()).append('=');
            if (kept++ < MAX_REASONS) {
                String reason = error.getValue();
                text.append(BASE64.encodeToString(
                        reason.substring(0, Math.min(reason.length(), MAX_REASON_CHARS)).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return text.toString();
    }

    public static Routing decode(String text) {
        TreeMap<Integer, String> errors = new TreeMap<>();
        if (text.isEmpty()) {
            return new Routing(errors);
        }
        for (String entry : text.split(",")) {
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("not a routing entry (ordinal=reason): " + entry);
            }
            errors.put(Integer.parseInt(entry.substring(0, equals)),
                    new String(Base64.getUrlDecoder().decode(entry.substring(equals + 1)), StandardCharsets.UTF_8));
        }
        return new Routing(errors);
    }
}
