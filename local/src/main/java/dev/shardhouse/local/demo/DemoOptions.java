package dev.shardhouse.local.demo;

import dev.shardhouse.local.CommandLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code bin/demo} runs, from its command-line flags ({@code --name value} or {@code --name=value}).
 * The defaults run against the local stack and finish in a few minutes.
 */
record DemoOptions(
        int records,
        int ratePerSecond,
        int recordBytes,
        int partitionKeys,
        int badEvery,
        int shards,
        Reshard reshard,
        String stream,
        boolean createStream,
        String kinesisEndpoint,
        String region,
        String clickHouseUrl,
        String clickHouseUser,
        String database,
        String table,
        Path functionJar,
        String runtimeClasspath,
        String ingestHandler,
        String trackerHandler,
        Duration trackerInterval,
        int batchSize,
        int environments,
        double chaos,
        long seed,
        Duration settleTimeout,
        Path logFile) {

    /** How the stream is resharded once half of the records are produced. */
    enum Reshard {
        /** UpdateShardCount to twice the shards (uniform scaling). */
        SCALE,
        /** Split the first open shard, merge the last two. */
        SPLIT_MERGE,
        NONE
    }

    /** Kinesis endpoint value that means "the real AWS endpoint and credential chain". */
    static final String AWS = "aws";

    private static final Map<String, String> DEFAULTS = defaults();

    /** The endpoint flags and the variables of {@code bin/local-stack env} they default to. */
    private static final Map<String, String> ENDPOINTS = Map.of("kinesis-endpoint", "KINESIS_ENDPOINT", "clickhouse-url", "CLICKHOUSE_URL");

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("records", "4000");
        defaults.put("rate", "100");
        defaults.put("record-bytes", "200");
        defaults.put("partition-keys", "1000");
        defaults.put("bad-every", "500");
        defaults.put("shards", "4");
        defaults.put("reshard", "scale");
        defaults.put("stream", "");
        defaults.put("create-stream", "true");
        defaults.put("kinesis-endpoint", "");
        defaults.put("region", "us-east-1");
        defaults.put("clickhouse-url", "");
        defaults.put("clickhouse-user", "default");
        defaults.put("database", "local_demo");
        defaults.put("table", "demo_events");
        defaults.put("function-jar", "");
        defaults.put("runtime-classpath", "");
        defaults.put("ingest-handler", "dev.shardhouse.handler.IngestHandler::handleRequest");
        defaults.put("tracker-handler", "dev.shardhouse.tracker.TrackerHandler::handleRequest");
        defaults.put("tracker-interval-seconds", "15");
        defaults.put("batch-size", "100");
        defaults.put("environments", "2");
        defaults.put("chaos", "0.05");
        defaults.put("seed", "42");
        defaults.put("settle-timeout-seconds", "180");
        defaults.put("log-file", "local/target/demo/function.log");
        return defaults;
    }

    static String usage() {
        StringBuilder usage = new StringBuilder("Usage: bin/demo [--flag value ...]\n"
                + "ClickHouse's password, if any, comes from the environment variable CLICKHOUSE_PASSWORD.\n"
                + "--kinesis-endpoint aws uses the real Kinesis with the default AWS credentials; give --stream and\n"
                + "--create-stream false to use an existing stream. --reshard is scale, split-merge or none.\n"
                + "--chaos is the probability of each fault per batch (0 turns chaos off).\n"
                + "--bad-every n makes every n-th record one the table refuses, which lands in the error table (0: none).\n"
                + "The event source mapping has the CDK stack's default settings (batching window 1 s, partial batch\n"
                + "failures reported, no bisection, unlimited retries and record age) except the batch size: the stack's\n"
                + "1000 would put this demo's records in a few batches, --batch-size 100 shows more of them.\n"
                + "Flags and defaults:\n");
        Map<String, String> shown = new LinkedHashMap<>(DEFAULTS);
        shown.put("stream", "local-demo-<epoch seconds>");
        ENDPOINTS.forEach((flag, variable) -> shown.put(flag, "$" + variable + " (bin/local-stack env sets it)"));
        shown.put("function-jar", "(given by bin/demo)");
        shown.put("runtime-classpath", "(this JVM's class path)");
        shown.forEach((name, value) -> usage.append(String.format("  --%-26s %s%n", name, value)));
        return usage.toString();
    }

    /**
     * Checks the flags as bin/demo received them, before it builds anything: prints the usage for --help, the
     * error (exit status 2) for a bad flag, nothing otherwise. The jar is a stand-in: bin/demo passes the built one.
     */
    public static void main(String[] args) {
        parseOrExit(concat(args, "--function-jar", "(built next)"));
    }

    static DemoOptions parseOrExit(String... args) {
        return CommandLine.parseOrExit(args, usage(), "", DemoOptions::parse);
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    static DemoOptions parse(String... args) {
        return parse(System.getenv(), args);
    }

    /** The endpoints not given as flags come from the environment, as {@code bin/local-stack env} sets it. */
    static DemoOptions parse(Map<String, String> environment, String... args) {
        Map<String, String> values = new HashMap<>(DEFAULTS);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + usage());
            }
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("flag --" + name + " needs a value\n" + usage());
                }
                value = args[++i];
            }
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown flag --" + name + "\n" + usage());
            }
            values.put(name, value);
        }
        String stream = values.get("stream").isEmpty() ? "local-demo-" + System.currentTimeMillis() / 1000 : values.get("stream");
        if (values.get("function-jar").isEmpty()) {
            throw new IllegalArgumentException("--function-jar is required (bin/demo builds and passes it)\n" + usage());
        }
        for (Map.Entry<String, String> endpoint : ENDPOINTS.entrySet()) {
            if (values.get(endpoint.getKey()).isEmpty()) {
                String fromEnvironment = environment.getOrDefault(endpoint.getValue(), "");
                if (fromEnvironment.isEmpty()) {
                    throw new IllegalArgumentException("--" + endpoint.getKey() + " is required when " + endpoint.getValue()
                            + " is not set (bin/demo sets it from bin/local-stack env)");
                }
                values.put(endpoint.getKey(), fromEnvironment);
            }
        }
        return new DemoOptions(
                positive(values, "records"),
                positive(values, "rate"),
                positive(values, "record-bytes"),
                positive(values, "partition-keys"),
                wholeNumber(values, "bad-every"),
                positive(values, "shards"),
                reshard(values.get("reshard")),
                stream,
                bool(values, "create-stream"),
                values.get("kinesis-endpoint"),
                values.get("region"),
                values.get("clickhouse-url"),
                values.get("clickhouse-user"),
                values.get("database"),
                values.get("table"),
                Path.of(values.get("function-jar")),
                values.get("runtime-classpath").isEmpty() ? System.getProperty("java.class.path") : values.get("runtime-classpath"),
                values.get("ingest-handler"),
                values.get("tracker-handler"),
                Duration.ofSeconds(positive(values, "tracker-interval-seconds")),
                positive(values, "batch-size"),
                positive(values, "environments"),
                probability(values, "chaos"),
                Long.parseLong(values.get("seed")),
                Duration.ofSeconds(positive(values, "settle-timeout-seconds")),
                Path.of(values.get("log-file")));
    }

    boolean localKinesis() {
        return !kinesisEndpoint.equals(AWS);
    }

    private static int positive(Map<String, String> values, String name) {
        try {
            int value = Integer.parseInt(values.get(name));
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("--" + name + " must be a positive whole number, not '" + values.get(name) + "'");
    }

    private static int wholeNumber(Map<String, String> values, String name) {
        try {
            int value = Integer.parseInt(values.get(name));
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("--" + name + " must be 0 or a positive whole number, not '" + values.get(name) + "'");
    }

    private static double probability(Map<String, String> values, String name) {
        try {
            double value = Double.parseDouble(values.get(name));
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("--" + name + " must be a probability from 0 to 1, not '" + values.get(name) + "'");
    }

    private static boolean bool(Map<String, String> values, String name) {
        return switch (values.get(name)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + name + " must be true or false, not '" + values.get(name) + "'");
        };
    }

    private static Reshard reshard(String value) {
        return switch (value) {
            case "scale" -> Reshard.SCALE;
            case "split-merge" -> Reshard.SPLIT_MERGE;
            case "none" -> Reshard.NONE;
            default -> throw new IllegalArgumentException("--reshard must be scale, split-merge or none, not '" + value + "'");
        };
    }
}
