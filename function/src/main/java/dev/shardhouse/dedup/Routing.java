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
    /**
     * Past this many characters of reasons, only the ordinals are kept: the claim travels as a query parameter, which
     * ClickHouse limits (http_max_field_value_size, 128 KiB), and a batch of garbage would otherwise outgrow it.
     */
    static final int MAX_REASONS_CHARS = 32 * 1024;

    /**
     * The longest routing a claim carries: the claim travels as URL parameters, and ClickHouse refuses one over
     * http_max_field_value_size (128 KiB).
     */
    static final int MAX_ENCODED_CHARS = 100_000;

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

    /**
     * How many of a claim's {@code records}, from its first, one claim can route: all of them unless their routing
     * is longer than {@link #MAX_ENCODED_CHARS} (thousands of bad records whose ordinals alone fill it).
     */
    public int recordsFitting(int records) {
        if (encode().length() <= MAX_ENCODED_CHARS) {
            return records;
        }
        int low = 1; // one record always fits: its reason is cut to the reasons' budget
        int high = records;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (new Routing(errors.headMap(mid)).encode().length() <= MAX_ENCODED_CHARS) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** This routing and {@code more} records to the error table. */
    public Routing with(Map<Integer, String> more) {
        TreeMap<Integer, String> all = new TreeMap<>(errors);
        all.putAll(more);
        return new Routing(all);
    }

    /**
     * {@code ordinal.reason.ordinal.reason…} with each reason in base64url: the text travels as a URL parameter, which
     * ClickHouse limits once percent-encoded and reads with escapes, while reasons quote bad records and may hold any
     * character; digits, base64url and dots need no encoding. Reasons are cut, and kept for the first records only (see
     * {@link #MAX_REASONS_CHARS}).
     */
    public String encode() {
        StringBuilder text = new StringBuilder();
        int reasonChars = 0;
        for (Map.Entry<Integer, String> error : errors.entrySet()) {
            if (!text.isEmpty()) {
                text.append('.');
            }
            text.append(error.getKey()).append('.');
            String reason = error.getValue();
            String kept = BASE64.encodeToString(cut(reason).getBytes(StandardCharsets.UTF_8));
            if (reasonChars + kept.length() <= MAX_REASONS_CHARS) {
                text.append(kept);
                reasonChars += kept.length();
            }
        }
        return text.toString();
    }

    /** The reason's first {@link #MAX_REASON_CHARS} characters, not splitting a surrogate pair. */
    private static String cut(String reason) {
        if (reason.length() <= MAX_REASON_CHARS) {
            return reason;
        }
        int end = Character.isHighSurrogate(reason.charAt(MAX_REASON_CHARS - 1)) ? MAX_REASON_CHARS - 1 : MAX_REASON_CHARS;
        return reason.substring(0, end);
    }

    public static Routing decode(String text) {
        TreeMap<Integer, String> errors = new TreeMap<>();
        if (text.isEmpty()) {
            return new Routing(errors);
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length % 2 != 0) {
            throw new IllegalArgumentException("not a routing (ordinal.reason pairs): " + text);
        }
        for (int i = 0; i < parts.length; i += 2) {
            errors.put(Integer.parseInt(parts[i]), new String(Base64.getUrlDecoder().decode(parts[i + 1]),
                    StandardCharsets.UTF_8));
        }
        return new Routing(errors);
    }
}
