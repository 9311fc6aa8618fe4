package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.config.ConfigException;
import dev.shardhouse.source.KinesisStreams;
import dev.shardhouse.source.StreamSummary;
import dev.shardhouse.testing.LocalServices;
import dev.shardhouse.testing.StdoutCapture;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The init-time lookup of STREAM_ARN against the local Kinesis: only a stream that does not exist fails the init. */
class StreamLookupIT {

    private static final String MISSING = "arn:aws:kinesis:us-east-1:000000000000:stream/no-such-stream-lookup-it";

    @Test
    void aStreamThatDoesNotExistFailsTheInitNamingTheSetting() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> IngestHandler.lookUp(new KinesisStreams(LocalServices.kinesis()), MISSING, "Shardhouse"));

        assertEquals("STREAM_ARN", error.setting());
        assertTrue(error.getMessage().startsWith("STREAM_ARN: stream " + MISSING + " does not exist: "),
                error.getMessage());
    }

    @Test
    void aKinesisThatCannotBeReachedLeavesTheLookupToTheFirstBatchAndTheCheckToItsLowerBounds() {
        KinesisClient unreachable = KinesisClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:9")) // discard port: nothing listens
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();

        List<Optional<StreamSummary>> summary = new ArrayList<>();

        String log = stdout(() -> summary.add(IngestHandler.lookUp(new KinesisStreams(unreachable), MISSING, "Shardhouse")));

        assertEquals(List.of(Optional.empty()), summary);
        assertTrue(log.contains("\"event\":\"stream_lookup_deferred\"") && log.contains(MISSING), log);
    }

    private static String stdout(Runnable work) {
        return String.join("\n", StdoutCapture.during(work));
    }
}
