package dev.shardhouse.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The same Kinesis round trip against LocalStack in Docker, for machines that have Docker. Without a Docker engine
 * the class is skipped (reported as skipped, not failed); bin/local-stack's kinesis-mock covers Kinesis there.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackContainerIT {

    @Container
    private static final LocalStackContainer LOCALSTACK = new LocalStackContainer(
            DockerImageName.parse("localstack/localstack:4.4")).withServices(LocalStackContainer.Service.KINESIS);

    @Test
    void recordPutIsReadBack() {
        String stream = "stack-localstack-roundtrip";
        try (KinesisClient kinesis = KinesisClient.builder()
                .endpointOverride(LOCALSTACK.getEndpoint())
                .region(Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            KinesisStreams.createAndWait(kinesis, stream, 1);
            KinesisStreams.putAll(kinesis, stream, Map.of("key-1", "hello from LocalStack"));

            assertEquals(Map.of("shardId-000000000000", List.of("hello from LocalStack")),
                    KinesisStreams.readAll(kinesis, stream));
        }
    }
}
