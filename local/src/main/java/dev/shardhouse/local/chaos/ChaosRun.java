package dev.shardhouse.local.chaos;

import com.clickhouse.client.api.Client;
import dev.shardhouse.clickhouse.ClickHouseClients;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.local.demo.FunctionLogFigures;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code bin/chaos}: the real ingest handler, two pipelines of it, over a stream of 8 shards while ClickHouse is
 * killed mid-insert, ZooKeeper restarted, invocations killed between insert and checkpoint, batches redelivered whole
 * and overlapping and run two at a time, the stream resharded under load, then deleted and created again, the first
 * pipeline's table changed (a column added, retyped and dropped, a CHECK constraint, a failing view) and the tracker
 * retiring checkpoints. Prints the figures and one summary line
 * {@code chaos: records=N faults=N lost=N duplicated=N wrong_value=N operator_actions=N}, the last what the run's
 * operator did for a shard the function held ({@link ChaosOperator}); exit status 0 only when nothing was lost,
 * duplicated or stored with a wrong value, 1 otherwise, 2 for bad flags.
 */
public final class ChaosRun {

    /** The terminal: the function's own output (it runs in this JVM) is sent to a log file instead. */
    private static final PrintStream CONSOLE = System.out;
    private static final long STARTED = System.nanoTime();

    private ChaosRun() {
    }

    public static void main(String[] args) {
        ChaosOptions options = ChaosOptions.parseOrExit(args);
        int status;
        try {
            status = run(options);
        } catch (InterruptedException e) {
            CONSOLE.println("chaos: interrupted");
            status = 130;
        } catch (RuntimeException e) {
            CONSOLE.println("chaos: the run failed before its verification: " + e);
            e.printStackTrace(CONSOLE);
            status = 1;
        }
        System.exit(status);
    }

    private static int run(ChaosOptions options) throws InterruptedException {
        say("the function's output goes to " + options.functionLog());
        ChaosResult result;
        try (KinesisClient kinesis = kinesis(options.kinesisEndpoint());
             Client clickHouse = ClickHouseClients.create(options.clickHouseUrl(), "default", "", "default");
             PrintStream functionOutput = functionOutput(options.functionLog());
             NetworkFaults network = new NetworkFaults(URI.create(options.clickHouseUrl()).getPort(),
                     options.keeperLink(), ChaosScenario.FUNCTION_TIMEOUT)) {
            PrintStream err = System.err;
            System.setOut(functionOutput);
            System.setErr(functionOutput);
            try {
                result = new ChaosScenario(options.settings(), kinesis, new ClickHouseSql(clickHouse), options.clickHouseUrl(),
                        new LocalStackFaults(options.stackScript(), options.stackCache(), ChaosRun::say), network,
                        ChaosRun::say).run();
            } finally {
                System.setOut(CONSOLE);
                System.setErr(err);
            }
        }
        result.figures().forEach(CONSOLE::println);
        FunctionLogFigures function = functionFigures(options.functionLog());
        CONSOLE.println("function: " + function.inserted() + " records inserted (deduplicated re-inserts included), "
                + function.duplicatesSkipped() + " duplicates skipped, " + function.recovered()
                + " records of pending claims re-inserted, " + function.batchesFailed() + " batches failed, "
                + function.viewFailures() + " batches whose materialized view failed (rows kept in the table)");
        CONSOLE.println(result.summaryLine());
        return result.passed() ? 0 : 1;
    }

    private static PrintStream functionOutput(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the function log " + file, e);
        }
    }

    private static FunctionLogFigures functionFigures(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return FunctionLogFigures.of(lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the function log " + file, e);
        }
    }

    private static KinesisClient kinesis(String endpoint) {
        return KinesisClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private static void say(String line) {
        CONSOLE.printf("[%5.1fs] %s%n", Duration.ofNanos(System.nanoTime() - STARTED).toMillis() / 1000.0, line);
    }
}
