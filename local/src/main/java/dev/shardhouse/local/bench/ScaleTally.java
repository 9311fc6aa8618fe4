package dev.shardhouse.local.bench;

import java.util.ArrayList;
import java.util.List;

/** What the function instances of one scale run did: batches, their latencies, and their failures by kind. */
final class ScaleTally {

    private final List<Long> latencyNanos = new ArrayList<>();
    private long records;
    private long tooManyParts;
    private long otherFailures;
    private String firstOtherFailure = "";

    synchronized void succeeded(int batchRecords, long nanos) {
        latencyNanos.add(nanos);
        records += batchRecords;
    }

    /** A failed invocation, by ClickHouse's message: "too many parts" is the refusal that scale brings on. */
    synchronized void failed(String message) {
        if (message.contains("TOO_MANY_PARTS") || message.contains("Too many parts")) {
            tooManyParts++;
        } else {
            otherFailures++;
            if (firstOtherFailure.isEmpty()) {
                firstOtherFailure = message;
            }
        }
    }

    synchronized List<Long> latencyNanos() {
        return List.copyOf(latencyNanos);
    }

    synchronized long batches() {
        return latencyNanos.size();
    }

    synchronized long records() {
        return records;
    }

    synchronized long tooManyParts() {
        return tooManyParts;
    }

    synchronized long otherFailures() {
        return otherFailures;
    }

    synchronized String firstOtherFailure() {
        return firstOtherFailure;
    }
}
