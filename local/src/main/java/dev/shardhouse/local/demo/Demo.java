package dev.shardhouse.local.demo;

import com.clickhouse.client.api.Client;
import dev.shardhouse.clickhouse.ClickHouseClients;
import dev.shardhouse.config.Identifier;
import dev.shardhouse.config.Setting;
import dev.shardhouse.local.mapping.Chaos;
import dev.shardhouse.local.mapping.DiscardedBatch;
import dev.shardhouse.local.mapping.LocalEventSourceMapping;
import dev.shardhouse.local.mapping.MappingReport;
import dev.shardhouse.local.mapping.MappingSettings;
import dev.shardhouse.local.mapping.StreamShards;
import dev.shardhouse.local.runtime.FunctionConfig;
import dev.shardhouse.local.runtime.RuntimeInvoker;
import dev.shardhouse.local.runtime.RuntimeLaunch;
import dev.shardhouse.local.runtime.ScheduledInvocations;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * {@code bin/demo}: Shardhouse end to end on this machine. A producer writes records into a Kinesis stream, the
 * local event source mapping delivers them to the packaged ingest function run by the real Lambda runtime client
 * (with chaos: redeliveries, overlaps, killed invocations, a batch delivered twice at once), the resharding
 * tracker runs on its schedule, the table gains a column a quarter of the way, the stream is resharded halfway, and
 * at the end every record produced must be in the table or the error table exactly once. Exit status 0 when it is, 1 with the discrepancies listed, 2 for bad flags.
 */
public final class Demo {

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);
    private static final String LOCAL_CREDENTIAL = "local";

    private final DemoOptions options;
    private final PrintStream out;
    private final long startedNanos = System.nanoTime();

    Demo(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        DemoOptions options = DemoOptions.parseOrExit(args);
        Thread main = Thread.currentThread();
        Thread stopOnCtrlC = new Thread(() -> {
            main.interrupt();
            try {
                main.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
        int status = new Demo(options, System.out).run();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the JVM is exiting already, and exit() would now block.
            return;
        }
        System.exit(status);
    }

    /** What a run found: the verification, and what the mapping did (chaos included). */
    record Verdict(Verification verification, MappingReport mapping) {
    }

    /** Runs the demo; returns the exit status. */
    int run() {
        if (!Files.isRegularFile(options.functionJar())) {
            say("no function jar at %s: build it with mvn -pl function package", options.functionJar());
            return 2;
        }
        try {
            Verdict verdict = verdict();
            whereToLook(options).forEach(line -> say("%s", line));
            return verdict.verification().passed() ? 0 : 1;
        } catch (InterruptedException e) {
            return interrupted();
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return interrupted();
            }
            say("failed: %s", e);
            e.printStackTrace(out);
            return 1;
        }
    }

    /** Runs the demo and verifies what it stored; a failure to run it at all is thrown. */
    Verdict verdict() throws InterruptedException {
        say("stream %s (%s), %d records at %d/s, %d bytes, %d partition keys; table %s.%s at %s; chaos %.2f (seed %d)",
                options.stream(), options.localKinesis() ? options.kinesisEndpoint() : "AWS", options.records(),
                options.ratePerSecond(), options.recordBytes(), options.partitionKeys(), options.database(),
                options.table(), options.clickHouseUrl(), options.chaos(), options.seed());
        try (KinesisClient kinesis = kinesis();
             Client clickHouse = ClickHouseClients.create(options.clickHouseUrl(), options.clickHouseUser(),
                     clickHousePassword(), "default");
             FunctionLogTally logs = new FunctionLogTally(options.logFile())) {
            DemoStore store = new DemoStore(clickHouse, options.database(), options.table(), options.stream());
            prepare(kinesis, store);
            try {
                return runPipeline(kinesis, store, logs);
            } finally {
                if (options.createStream()) {
                    // A stream costs money on AWS and memory in kinesis-mock; the table keeps what the demo stored.
                    kinesis.deleteStream(r -> r.streamName(options.stream()));
                    say("deleted stream %s", options.stream());
                }
            }
        }
    }

    /**
     * How to look at what the run stored (the stream is gone, the tables stay) and, on the local stack, that it is
     * still running and how to stop it.
     */
    static List<String> whereToLook(DemoOptions options) {
        String stream = Identifier.literal(options.stream());
        List<String> lines = new ArrayList<>(List.of(
                "the rows:        " + curl(options, "SELECT id, key, _shard_id, _sequence_number, _timestamp FROM "
                        + Identifier.qualified(options.database(), options.table()) + " WHERE _stream = " + stream
                        + " ORDER BY _timestamp LIMIT 10"),
                "the error table: " + curl(options, "SELECT shard_id, sequence_number, reason, raw_data FROM "
                        + Identifier.qualified(options.database(), options.table() + "_shardhouse_errors")
                        + " WHERE stream = " + stream + " ORDER BY failed_at")));
        String host = URI.create(options.clickHouseUrl()).getHost();
        if (options.localKinesis() || "127.0.0.1".equals(host) || "localhost".equals(host)) {
            lines.add("the local stack is still running: bin/local-stack stop stops it (start brings it back, data kept)");
        }
        return lines;
    }

    /** A curl command for ClickHouse's HTTP interface, single-quoted for a POSIX shell. */
    private static String curl(DemoOptions options, String sql) {
        String password = clickHousePassword().isEmpty() ? "" : " -u " + options.clickHouseUser() + ":\"$CLICKHOUSE_PASSWORD\"";
        return "curl -s" + password + " " + options.clickHouseUrl() + "/ --data-binary "
                + "'" + (sql + " FORMAT PrettyCompact").replace("'", "'\\''") + "'";
    }

    private int interrupted() {
        say("interrupted: everything is stopped; the stream %s and the table are left as they are", options.stream());
        return 130;
    }

    /** The table first: a table the demo cannot use stops it before it creates a stream. */
    private void prepare(KinesisClient kinesis, DemoStore store) throws InterruptedException {
        store.createTable();
        say("table %s.%s is ready; function logs go to %s", options.database(), options.table(), options.logFile());
        if (options.createStream()) {
            kinesis.createStream(r -> r.streamName(options.stream()).shardCount(options.shards()));
            StreamShards.awaitActive(kinesis, options.stream(), Duration.ofMinutes(5));
            say("created stream %s with %d shards", options.stream(), options.shards());
        }
    }

    private Verdict runPipeline(KinesisClient kinesis, DemoStore store, FunctionLogTally logs) throws InterruptedException {
        RuntimeLaunch launch = RuntimeLaunch.of(options.functionJar(), options.runtimeClasspath());
        MappingSettings settings = MappingSettings.stackDefaults().withBatchSize(options.batchSize());
        Chaos chaos = Chaos.all(options.seed(), options.chaos());
        DemoProducer producer = new DemoProducer(kinesis, options);
        Thread producing = new Thread(producer, "demo-producer");
        Thread resharding = null;
        try (RuntimeInvoker ingest = new RuntimeInvoker(launch, ingestFunction(), options.environments(), logs);
             RuntimeInvoker tracker = new RuntimeInvoker(launch, trackerFunction(kinesis.describeStreamSummary(
                     r -> r.streamName(options.stream())).streamDescriptionSummary().streamARN()), 1, logs);
             ScheduledInvocations trackerSchedule = new ScheduledInvocations(tracker, options.region(), "shardhouse-local-tracker");
             LocalEventSourceMapping mapping = new LocalEventSourceMapping(kinesis, options.stream(), settings, chaos, ingest)) {
            if (jarHasClass(options.trackerHandler())) {
                trackerSchedule.start(options.trackerInterval());
            } else {
                say("the function jar has no %s: the tracker does not run", options.trackerHandler());
            }
            mapping.start();
            producing.start();
            long settleDeadline = Long.MAX_VALUE;
            boolean altered = false;
            while (true) {
                Thread.sleep(PROGRESS_INTERVAL.toMillis());
                DemoStore.Stored stored = store.stored();
                progress(producer, stored, logs, mapping.report(), trackerSchedule);
                if (!altered && producer.puts().acknowledgedCount() >= options.records() / 4) {
                    store.addColumnWhileRunning();
                    say("altered the table while records flow: ADD COLUMN stored_at (the next batches fill it)");
                    altered = true;
                }
                if (resharding == null && options.reshard() != DemoOptions.Reshard.NONE
                        && producer.puts().acknowledgedCount() >= options.records() / 2) {
                    resharding = startReshard(kinesis);
                }
                boolean produced = !producing.isAlive();
                boolean reshardDone = resharding == null ? options.reshard() == DemoOptions.Reshard.NONE : !resharding.isAlive();
                if (produced && reshardDone && stored.inTable() + stored.inErrorTable() >= producer.puts().acknowledgedCount()) {
                    break;
                }
                if (produced && settleDeadline == Long.MAX_VALUE) {
                    settleDeadline = System.nanoTime() + options.settleTimeout().toNanos();
                }
                if (System.nanoTime() > settleDeadline) {
                    say("gave up waiting after %d s: verifying what is stored", options.settleTimeout().toSeconds());
                    break;
                }
            }
            mapping.close();
            return verify(store, producer, mapping);
        } finally {
            producing.interrupt();
            if (resharding != null) {
                resharding.interrupt();
            }
        }
    }

    private Thread startReshard(KinesisClient kinesis) {
        Resharder resharder = new Resharder(kinesis, options.stream());
        Thread thread = new Thread(() -> {
            say("resharding (%s) while records flow", options.reshard().name().toLowerCase().replace('_', '-'));
            try {
                say("resharded: %s", resharder.reshard(options.reshard()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                say("resharding failed: %s", e);
            }
        }, "demo-reshard");
        thread.start();
        return thread;
    }

    private Verdict verify(DemoStore store, DemoProducer producer, LocalEventSourceMapping mapping) {
        MappingReport report = mapping.report();
        say("mapping: %d invocations, %d records delivered, %d failed invocations, %d retries, %d bisections; chaos:"
                        + " %d batches redelivered, %d shifted, %d runtimes killed, %d concurrent pairs",
                report.invocations(), report.recordsDelivered(), report.functionErrors(), report.retries(),
                report.bisections(), report.chaosWholeRedeliveries(), report.chaosOverlappingRedeliveries(),
                report.chaosKills(), report.chaosConcurrentPairs());
        for (DiscardedBatch discarded : mapping.discardedBatches()) {
            say("discarded by the mapping (%s): %s %s..%s, %d records", discarded.condition().lambdaName(),
                    discarded.shardId(), discarded.startSequenceNumber(), discarded.endSequenceNumber(), discarded.batchSize());
        }
        if (!producer.puts().lastError().isEmpty()) {
            say("last producer error: %s", producer.puts().lastError());
        }
        Verification verification = Verification.of(producer.puts().acknowledged(), store.rowsPerRecordInTable(),
                store.rowsPerRecordInErrorTable());
        verification.describe().forEach(line -> say("%s", line));
        return new Verdict(verification, report);
    }

    /**
     * Committed and errors are the rows ClickHouse holds (the function's own counts would include inserts that
     * ClickHouse deduplicated); duplicates skipped is what the function reports in its log lines.
     */
    private void progress(DemoProducer producer, DemoStore.Stored stored, FunctionLogTally logs, MappingReport report,
                          ScheduledInvocations tracker) {
        say("produced %d/%d | committed %d | duplicates skipped %d | errors %d | shards open %d | invocations %d"
                        + " (%d failed) | chaos %d+%d redelivered, %d killed, %d concurrent | tracker runs %d (%d failed)",
                producer.puts().acknowledgedCount(), options.records(), stored.inTable(), logs.figures().duplicatesSkipped(),
                stored.inErrorTable(), report.shardsOpen(), report.invocations(), report.functionErrors(),
                report.chaosWholeRedeliveries(), report.chaosOverlappingRedeliveries(), report.chaosKills(),
                report.chaosConcurrentPairs(), tracker.succeeded() + tracker.failed(), tracker.failed());
    }

    private FunctionConfig ingestFunction() {
        Map<String, String> environment = functionEnvironment();
        environment.put(Setting.TARGET_TABLE.name(), options.table());
        environment.put(Setting.RECORD_FORMAT.name(), "JSON");
        return new FunctionConfig("shardhouse-local-ingest", options.ingestHandler(), Duration.ofSeconds(60), 512,
                options.region(), environment);
    }

    private FunctionConfig trackerFunction(String streamArn) {
        Map<String, String> environment = functionEnvironment();
        environment.put(Setting.STREAM_ARN.name(), streamArn);
        environment.put(Setting.TARGET_TABLE.name(), options.table());
        return new FunctionConfig("shardhouse-local-tracker", options.trackerHandler(), Duration.ofSeconds(60), 512,
                options.region(), environment);
    }

    /** What both functions need: ClickHouse, and Kinesis either local (with dummy credentials) or AWS's. */
    private Map<String, String> functionEnvironment() {
        Map<String, String> environment = new HashMap<>();
        environment.put(Setting.CLICKHOUSE_URL.name(), options.clickHouseUrl());
        environment.put(Setting.CLICKHOUSE_USER.name(), options.clickHouseUser());
        environment.put(Setting.CLICKHOUSE_DATABASE.name(), options.database());
        if (!clickHousePassword().isEmpty()) {
            environment.put(Setting.CLICKHOUSE_PASSWORD.name(), clickHousePassword());
        }
        if (options.localKinesis()) {
            // The AWS SDK's endpoint variable for one service: the function talks to the local Kinesis.
            environment.put("AWS_ENDPOINT_URL_KINESIS", options.kinesisEndpoint());
            environment.put("AWS_ACCESS_KEY_ID", LOCAL_CREDENTIAL);
            environment.put("AWS_SECRET_ACCESS_KEY", LOCAL_CREDENTIAL);
        } else {
            for (String name : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                    "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "HOME")) {
                String value = System.getenv(name);
                if (value != null) {
                    environment.put(name, value);
                }
            }
        }
        return environment;
    }

    private KinesisClient kinesis() {
        KinesisClientBuilder builder = KinesisClient.builder()
                .region(Region.of(options.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (options.localKinesis()) {
            builder.endpointOverride(URI.create(options.kinesisEndpoint()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCAL_CREDENTIAL, LOCAL_CREDENTIAL)));
        }
        return builder.build();
    }

    private static String clickHousePassword() {
        String password = System.getenv(Setting.CLICKHOUSE_PASSWORD.name());
        return password == null ? "" : password;
    }

    private boolean jarHasClass(String handler) {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        try (ZipFile jar = new ZipFile(options.functionJar().toFile())) {
            return jar.getEntry(className.replace('.', '/') + ".class") != null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the function jar " + options.functionJar(), e);
        }
    }

    private void say(String format, Object... args) {
        long seconds = Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
        synchronized (out) {
            out.printf("[%4ds] %s%n", seconds, String.format(format, args));
        }
    }
}
