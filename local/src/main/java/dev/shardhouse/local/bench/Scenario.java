package dev.shardhouse.local.bench;

/** A batch shape: how many records, of about how many bytes each. */
record Scenario(int batchSize, int recordBytes) {

    String label() {
        return String.format("%,d x %,d B", batchSize, recordBytes);
    }
}
