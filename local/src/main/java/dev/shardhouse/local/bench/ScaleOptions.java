package dev.shardhouse.local.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The scale benchmark's flags, checked once.
 *
 * @param shards           the shard counts to run, one run each
 * @param seconds          how long records arrive in each run
 * @param recordsPerSecond records arriving per shard per second
 * @param instances        function instances working the shards (Lambda's concurrency)
 * @param recordBytes      the size of each JSON record
 */
record ScaleOptions(List<Integer> shards, int seconds, int recordsPerSecond, int instances, int recordBytes) {

    static ScaleOptions parse(String[] args) {
        List<Integer> shards = List.of(64, 128, 256);
        int seconds = 60;
        int records = 10;
        int instances = 16;
        int bytes = 200;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--shards" -> shards = shardCounts(value);
                case "--seconds" -> seconds = positive(value);
                case "--records" -> records = positive(value);
                case "--instances" -> instances = positive(value);
                case "--record-bytes" -> bytes = positive(value);
                default -> throw new IllegalArgumentException("unknown flag " + flag
                        + " (known: --shards --seconds --records --instances --record-bytes)");
            }
        }
        return new ScaleOptions(shards, seconds, records, instances, bytes);
    }

    /** {@code 64,128,256}: positive numbers, comma-separated. */
    static List<Integer> shardCounts(String value) {
        return Arrays.stream(value.split(",")).map(ScaleOptions::positive).toList();
    }

    private static int positive(String value) {
        int number = Integer.parseInt(value.trim());
        if (number <= 0) {
            throw new IllegalArgumentException("expected a positive number, got " + value);
        }
        return number;
    }
}
