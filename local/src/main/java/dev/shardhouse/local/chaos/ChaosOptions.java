package dev.shardhouse.local.chaos;

import dev.shardhouse.local.CommandLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bin/chaos}'s flags: the run's size and faults, and the stack it runs on (its own, since it kills services).
 *
 * @param settings      what the run does
 * @param clickHouseUrl ClickHouse of the run's stack
 * @param kinesisEndpoint Kinesis of the run's stack
 * @param stackScript   {@code bin/local-stack}, to restart services
 * @param stackCache    the cache directory that stack runs from (its recorded PIDs)
 * @param functionLog   where the function's output goes (its JSON log lines, the ClickHouse driver's warnings)
 * @param keeperLink    ClickHouse's link to its keeper, to proxy: set by bin/chaos, which points ClickHouse at it
 */
record ChaosOptions(ChaosSettings settings, String clickHouseUrl, String kinesisEndpoint, Path stackScript,
                    Path stackCache, Path functionLog, Optional<NetworkFaults.KeeperLink> keeperLink) {

    static final int DEFAULT_RECORDS = 100_000;
    static final int QUICK_RECORDS = 5_000;

    private static final List<String> VALUED = List.of("records", "shards", "seed", "batch-size", "clickhouse-kills",
            "zookeeper-restarts", "kills-before-commit", "delivery-chaos", "stream", "clickhouse-url",
            "kinesis-endpoint", "stack", "stack-cache", "function-log", "parallel-batches", "dropped-responses", "resets",
            "slow-links", "partitions", "keeper-expiries", "keeper-proxy-port", "zookeeper-port",
            "keeper-session-timeout-ms", "reshards");

    static String usage() {
        return """
                Usage: bin/chaos [--quick] [--flag value ...]
                  --records N              records produced in all, both generations of the stream (default 100000;
                                           --quick: 5000); a tenth goes into the recreated stream
                  --shards N               shards of the stream (default 8)
                  --reshards N             reshards under load, alternately to twice the open shards (splits) and
                                           back to half (merges) (default 2; --quick: 1)
                  --clickhouse-kills N     SIGKILLs to ClickHouse during inserts (default 3; --quick: 1)
                  --zookeeper-restarts N   ZooKeeper restarts (default 2; --quick: 1)
                  --kills-before-commit N  invocations killed between insert and checkpoint (default 24; --quick: 8),
                                           a sixth of them again on the recreated stream
                  --delivery-chaos P       probability per batch of a whole redelivery, an overlapping one and the
                                           batch delivered twice at the same time, each (default 0.05)
                  --parallel-batches P     probability per batch that a shard's next two batches run at once, as
                                           ParallelizationFactor 2 would (default 0: the stack refuses factor 2,
                                           and this shows why: expect lost records when the first one fails)
                  --dropped-responses N    responses dropped by the proxy after the server ran the statement, each
                                           of an insert, a claim and a commit (default 8 each; --quick: 2)
                  --resets N               connections reset mid-request-body (inserts) and mid-response (claims,
                                           commits), each (default 8 each; --quick: 2)
                  --slow-links N           inserts answered 3 s late and inserts at 4 KB/s, each (default 6 each;
                                           --quick: 2)
                  --partitions N           partitions between the function and ClickHouse lasting 35 s, longer
                                           than the function's 30 s timeout (default 1)
                  --keeper-expiries N      keeper sessions expired mid-write: a write's reply dropped and the keeper
                                           link cut past the session timeout (default 2; --quick: 1; only with
                                           --keeper-proxy-port)
                  --batch-size N           the mapping's BatchSize (default 100)
                  --seed N                 seed of the mapping's chaos draws (default 1)
                  Always: a second pipeline into its own table; the first one's table gets a column added (at 15 %
                  of the first stream's records produced), retyped UInt32 -> Float64 (30 %), a view failing on 1 %
                  of the rows (40 %), a CHECK constraint refusing 1 % of later records (45 %), a column dropped
                  (65 %); the resharding tracker runs every 3 s
                  --stream NAME            stream name (default chaos-<time>)
                  --function-log FILE      the function's output (default local/target/chaos-function.log)
                  --clickhouse-url URL, --kinesis-endpoint URL, --stack PATH, --stack-cache DIR, --keeper-proxy-port
                  P, --zookeeper-port P, --keeper-session-timeout-ms MS: set by bin/chaos
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
        scheduled.put(FaultKind.RESHARD, number(values, "reshards", quick ? 1 : 2));
        Arrays.stream(FaultKind.values()).filter(FaultKind::changesTable).forEach(change -> scheduled.put(change, 1));
        int dropped = number(values, "dropped-responses", quick ? 2 : 8);
        int resets = number(values, "resets", quick ? 2 : 8);
        int slow = number(values, "slow-links", quick ? 2 : 6);
        List.of(FaultKind.RESPONSE_DROPPED_AFTER_INSERT, FaultKind.RESPONSE_DROPPED_AFTER_CLAIM,
                FaultKind.RESPONSE_DROPPED_AFTER_COMMIT).forEach(kind -> scheduled.put(kind, dropped));
        List.of(FaultKind.RESET_MID_REQUEST_BODY, FaultKind.RESET_MID_RESPONSE).forEach(kind -> scheduled.put(kind, resets));
        List.of(FaultKind.LATENCY_SPIKE, FaultKind.BANDWIDTH_LIMIT).forEach(kind -> scheduled.put(kind, slow));
        scheduled.put(FaultKind.PARTITION, number(values, "partitions", 1));
        Optional<NetworkFaults.KeeperLink> keeperLink = Optional.ofNullable(values.get("keeper-proxy-port"))
                .map(port -> new NetworkFaults.KeeperLink(number(values, "keeper-proxy-port", 0),
                        number(values, "zookeeper-port", 12181),
                        Duration.ofMillis(number(values, "keeper-session-timeout-ms", 30_000))));
        int expiries = number(values, "keeper-expiries", keeperLink.isEmpty() ? 0 : quick ? 1 : 2);
        if (expiries > 0 && keeperLink.isEmpty()) {
            throw new IllegalArgumentException("--keeper-expiries needs --keeper-proxy-port: ClickHouse's keeper link must"
                    + " go through the run's proxy (bin/chaos sets it up)");
        }
        scheduled.put(FaultKind.KEEPER_SESSION_EXPIRED, expiries);
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
                Path.of(values.getOrDefault("function-log", "local/target/chaos-function.log")), keeperLink);
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
