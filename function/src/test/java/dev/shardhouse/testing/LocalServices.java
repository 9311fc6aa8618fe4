package dev.shardhouse.testing;

import com.clickhouse.client.api.Client;
import dev.shardhouse.clickhouse.ClickHouseClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The real services that integration tests run against, as started by {@code bin/local-stack start}.
 * Endpoints come from the environment ({@code bin/local-stack env}); a test that needs a service and finds it
 * down fails with the command that starts it, it never skips.
 */
public final class LocalServices {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration SLOW_SERVICE = Duration.ofSeconds(20);

    private LocalServices() {
    }

    public static String clickHouseUrl() {
        return env("CLICKHOUSE_URL", "http://127.0.0.1:8123");
    }

    public static String kinesisEndpoint() {
        return env("KINESIS_ENDPOINT", "http://127.0.0.1:4568");
    }

    /** A client-v2 for the given database, after checking that ClickHouse answers. */
    public static Client clickHouse(String database) {
        requireClickHouse();
        return ClickHouseClients.create(clickHouseUrl(), "default", "", database);
    }

    /**
     * A client whose every request carries {@code serverDefaults}, as a user's settings profile would: chDB has no
     * access management, so a test cannot create such a user or profile.
     */
    public static Client clickHouse(String database, Map<String, String> serverDefaults) {
        requireClickHouse();
        Client.Builder builder = ClickHouseClients.builder(clickHouseUrl(), "default", "", database);
        serverDefaults.forEach(builder::serverSetting);
        return builder.build();
    }

    public static void requireClickHouse() {
        require("ClickHouse", clickHouseUrl() + "/ping");
    }

    public static void requireKinesis() {
        require("Kinesis (kinesis-mock)", kinesisEndpoint() + "/");
    }

    /** A client of the local Kinesis's default account, 000000000000. */
    public static KinesisClient kinesis() {
        return kinesisOfAccount("local");
    }

    /**
     * A client of another account of the same local Kinesis: kinesis-mock takes a 12-digit access key id as the
     * account the request acts in, and names the streams it creates {@code arn:aws:kinesis:us-east-1:<account>:...}.
     */
    public static KinesisClient kinesisOfAccount(String accessKeyId) {
        requireKinesis();
        return KinesisClient.builder()
                .endpointOverride(URI.create(kinesisEndpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /**
     * Fails at once if nothing listens; a service that is up but slow (kinesis-mock under a loaded machine took over
     * 3 s to answer, which failed tests that pass alone) gets {@link #SLOW_SERVICE} to answer.
     */
    private static void require(String service, String url) {
        long deadline = System.nanoTime() + SLOW_SERVICE.toNanos();
        while (true) {
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (HttpTimeoutException slow) {
                if (System.nanoTime() > deadline) {
                    throw unreachable(service, url, slow);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unreachable(service, url, e);
            } catch (IOException e) {
                throw unreachable(service, url, e);
            }
        }
    }

    /** An AssertionError (a test failure, not an error) without JUnit: bin/bench runs these helpers too. */
    private static AssertionError unreachable(String service, String url, Exception cause) {
        return new AssertionError(service + " is not reachable at " + url
                + ". Start the local stack first: bin/local-stack start", cause);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
