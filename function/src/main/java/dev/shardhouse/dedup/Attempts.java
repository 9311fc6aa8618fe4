package dev.shardhouse.dedup;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A claim's open attempts: for each table definition (its fingerprint), how many inserts under the claim's token were
 * begun under it and are not known to have written nothing. Every attempt is counted by a compare-and-set before its
 * insert (the claim itself counts its maker's), so an invocation that read the claim before it was released cannot
 * insert under it; an attempt that ClickHouse refused before writing anything is taken off again.
 *
 * <p>This is what lets a refusal be taken as proof that nothing under the token was stored: ClickHouse judges an
 * insert by the definition its rows were mapped for (the insert's definition guard), so when every open attempt ran
 * under the refused attempt's definition — and the table's checks use no clock or chance, or the refused attempt is
 * the only one — each of them met the same refusal. Reasoning from the definition alone was not enough (issue 18's
 * simulation: a change undone between attempts, seed 376; a release that a concurrent replay did not see, seed 34).
 */
public record Attempts(SortedMap<String, Integer> open) {

    public static final Attempts NONE = new Attempts(new TreeMap<>());

    public Attempts {
        Objects.requireNonNull(open, "open");
        open.forEach((definition, count) -> {
            if (definition.isEmpty() || definition.contains(",") || definition.contains("*") || count < 1) {
                throw new IllegalArgumentException("not an open attempt: " + definition + " x" + count);
            }
        });
        open = Collections.unmodifiableSortedMap(new TreeMap<>(open));
    }

    /** The attempt of a claim's maker, under {@code definition}. */
    public static Attempts of(String definition) {
        return NONE.begun(definition);
    }

    /** These and one more, begun under {@code definition}. */
    public Attempts begun(String definition) {
        TreeMap<String, Integer> next = new TreeMap<>(open);
        next.merge(definition, 1, Integer::sum);
        return new Attempts(next);
    }

    /** These less one under {@code definition}, which wrote nothing. */
    public Attempts settled(String definition) {
        TreeMap<String, Integer> next = new TreeMap<>(open);
        next.computeIfPresent(definition, (key, count) -> count == 1 ? null : count - 1);
        return new Attempts(next);
    }

    /**
     * Whether a refusal of an open attempt under {@code definition}, which wrote nothing, proves that no attempt stored
     * anything under the token: it is the only open attempt, or every open one ran under the same definition and the
     * table's checks give the same answer to the same rows each time.
     */
    public boolean refusalProvesNothingStored(String definition, boolean deterministicChecks) {
        int mine = open.getOrDefault(definition, 0);
        if (mine == 0) {
            throw new IllegalStateException("no open attempt under " + definition + " in " + encode());
        }
        return open.size() == 1 && (mine == 1 || deterministicChecks);
    }

    /**
     * As stored: {@code definition} for one attempt, {@code definition*count} for more, comma-separated; a claim
     * stored before attempts were counted holds its maker's definition alone, which reads as its one attempt.
     */
    public String encode() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Integer> entry : open.entrySet()) {
            text.append(text.isEmpty() ? "" : ",").append(entry.getKey());
            if (entry.getValue() > 1) {
                text.append('*').append(entry.getValue());
            }
        }
        return text.toString();
    }

    public static Attempts decode(String text) {
        TreeMap<String, Integer> open = new TreeMap<>();
        if (!text.isEmpty()) {
            for (String entry : text.split(",", -1)) {
                int star = entry.lastIndexOf('*');
                open.merge(star < 0 ? entry : entry.substring(0, star),
                        star < 0 ? 1 : Integer.parseInt(entry.substring(star + 1)), Integer::sum);
            }
        }
        return new Attempts(open);
    }

    @Override
    public String toString() {
        return encode();
    }
}
