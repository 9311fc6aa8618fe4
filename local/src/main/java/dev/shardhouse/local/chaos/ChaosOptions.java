package dev.shardhouse.local.chaos;

import dev.shardhouse.local.CommandLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/chaos}'s flags: the run's size and faults, and the stack it runs on (its own, since it kills services).
 *
 * @param settings      what the run does
 * @param clickHouseUrl ClickHouse of the run's stack
 * @param kinesisEndpoint Kinesis of the run's stack
 * @param stackScript   {@code bin/local-stack}, to restart services
 * @param stackCache    the cache directory that stack runs from (its recorded PIDs)
 * @param functionLog   where the function's output goes (its JSON log lines, the ClickHouse driver's warnings)
 */
record ChaosOptions(ChaosSettings settings, String clickHouseUrl, String kinesisEndpoint, Path stackScript,
                    Path stackCache, Path functionLog) {

    static final int DEFAULT_RECORDS = 100_000;
    static final int QUICK_RECORDS = 5_000;

    private static final List<String> VALUED = List.of("records", "shards", "seed", "batch-size", "clickhouse-kills",
            "zookeeper-restarts", "kills-before-commit", "delivery-chaos", "stream", "clickhouse-url",
            "kinesis-endpoint", "stack", "stack-cache", "function-log", "parallel-batches");

    static String usage() {
        return """
                Usage: bin/chaos [--quick] [--flag value ...]
                  --records N              records produced in all, both generations of the stream (default 100000;
                                           --quick: 5000); a tenth goes into the recreated stream
                  --shards N               shards of the stream (default 8); it is resharded to twice that under load
                  --clickhouse-kills N     SIGKILLs to ClickHouse during inserts (default 3; --quick: 1)
                  --zookeeper-restarts N   ZooKeeper restarts (default 2; --quick: 1)
                  --kills-before-commit N  invocations killed between insert and checkpoint (default 24; --quick: 8),
                                           a sixth of them again on the recreated stream
                  --delivery-chaos P       probability per batch of a whole redelivery, an overlapping one and the
                                           batch delivered twice at the same time, each (default 0.05)
                  --parallel-batches P     probability per batch that a shard's next two batches run at once, as
                                           ParallelizationFactor 2 would (default 0: the stack refuses factor 2,
                                           and this shows why: expect lost records when the first one fails)
                  --batch-size N           the mapping's BatchSize (default 100)
                  --seed N                 seed of the mapping's chaos draws (default 1)
                  Always: a second pipeline into its own table; the first one's table gets a column added (at 15 %
                  of the first stream's records produced), retyped UInt32 -> Float64 (30 %), a view failing on 1 %
                  of the rows (40 %), a CHECK constraint refusing 1 % of later records (45 %), a column dropped
                  (65 %); the resharding tracker runs every 3 s
                  --stream NAME            stream name (default chaos-<time>)
                  --function-log FILE      the function's output (default local/target/chaos-function.log)
                  --clickhouse-url URL, --kinesis-endpoint URL, --stack PATH, --stack-cache DIR: set by bin/chaos
                """;
    }

    /** Checks the flags before bin/chaos builds anything: the usage for --help, the error (exit status 2), or nothing. */
    public static void main(String[] args) {
        parseOrExit(args);
    }

    static ChaosOptions parseOrExit(String... args) {
        return CommandLine.parseOrExit(args, usage(), "chaos: ", ChaosOptions::parse);
    }

    static ChaosOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--quick")) {
                quick = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + usage());
            }
            String name = arg.substring(2);
            String value;
            if (name.contains("=")) {
                value = name.substring(name.indexOf('=') + 1);
                name = name.substring(0, name.indexOf('='));
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!VALUED.contains(name)) {
                throw new IllegalArgumentException("unknown flag --" + name + "\n" + usage());
            }
            values.put(name, value);
        }
        int records = number(values, "records", quick ? QUICK_RECORDS : DEFAULT_RECORDS);
        int killsBeforeCommit = number(values, "kills-before-commit", quick ? 8 : 24);
        Map<FaultKind, Integer> scheduled = new EnumMap<>(FaultKind.class);
        scheduled.put(FaultKind.CLICKHOUSE_KILL, number(values, "clickhouse-kills", quick ? 1 : 3));
        scheduled.put(FaultKind.ZOOKEEPER_RESTART, number(values, "zookeeper-restarts", quick ? 1 : 2));
        scheduled.put(FaultKind.KILL_BEFORE_COMMIT, killsBeforeCommit - killsBeforeCommit / 6);
        scheduled.put(FaultKind.RESHARD, 1);
        Arrays.stream(FaultKind.values()).filter(FaultKind::changesTable).forEach(change -> scheduled.put(change, 1));
        ChaosSettings settings = new ChaosSettings(values.getOrDefault("stream", "chaos-" + System.currentTimeMillis()),
                "chaos", "events", "checkpoints", records, number(values, "shards", 8), 0.1,
                number(values, "batch-size", 100), number(values, "seed", 1), scheduled, killsBeforeCommit / 6,
                probability(values, "delivery-chaos", 0.05), probability(values, "parallel-batches", 0), 16,
                Duration.ofMinutes(10));
        return new ChaosOptions(settings,
                values.getOrDefault("clickhouse-url", "http://127.0.0.1:18123"),
                values.getOrDefault("kinesis-endpoint", "http://127.0.0.1:14568"),
                Path.of(values.getOrDefault("stack", "bin/local-stack")),
                Path.of(values.getOrDefault("stack-cache", ".cache/chaos")),
                Path.of(values.getOrDefault("function-log", "local/target/chaos-function.log")));
    }

    private static double probability(Map<String, String> values, String name, double fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number from 0 to 1, not '" + value + "'");
        }
    }

    private static int number(Map<String, String> values, String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + value + "'");
        }
    }
}
