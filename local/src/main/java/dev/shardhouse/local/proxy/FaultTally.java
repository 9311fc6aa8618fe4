package dev.shardhouse.local.proxy;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** How many times each network fault was applied, by the label the figures print. */
public final class FaultTally {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    void add(String label) {
        counts.computeIfAbsent(label, any -> new AtomicLong()).incrementAndGet();
    }

    public long count(String label) {
        AtomicLong count = counts.get(label);
        return count == null ? 0 : count.get();
    }

    /** Every label applied at least once, sorted by name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((label, count) -> copy.put(label, count.get()));
        return copy;
    }
}
