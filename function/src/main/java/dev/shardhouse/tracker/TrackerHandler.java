package dev.shardhouse.tracker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.clickhouse.client.api.Client;
import dev.shardhouse.clickhouse.ClickHouseClients;
import java.time.Clock;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The resharding tracker Lambda, run by an EventBridge schedule. Settings are checked and tables created once per
 * container; each invocation is one {@link Tracker#run()} and one EMF log line.
 *
 * <p>The AWS clients find their region, credentials and endpoint in the standard places; SDK 2.57 honours
 * {@code AWS_ENDPOINT_URL_KINESIS} and {@code AWS_ENDPOINT_URL}, which local runs use to reach an emulator.
 */
public final class TrackerHandler implements RequestHandler<ScheduledEvent, TrackerReport> {

    private final Tracker tracker;
    private final String metricsNamespace;

    public TrackerHandler() {
        this(TrackerConfig.fromEnvironment(System.getenv()),
                KinesisClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                Clock.systemUTC());
    }

    TrackerHandler(TrackerConfig config, KinesisClient kinesis, Clock clock) {
        Client clickHouse = ClickHouseClients.create(
                config.clickHouseUrl(), config.clickHouseUser(), password(config), config.database());
        TrackerTables.createAll(clickHouse, config);
        this.tracker = Tracker.create(config, kinesis, clickHouse, clock);
        this.metricsNamespace = config.metricsNamespace();
    }

    @Override
    public TrackerReport handleRequest(ScheduledEvent event, Context context) {
        TrackerReport report = tracker.run();
        report.toLogLine(metricsNamespace).emit();
        return report;
    }

    private static String password(TrackerConfig config) {
        if (config.clickHousePasswordSecretArn() == null) {
            return config.clickHousePassword();
        }
        try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            return SecretPassword.fetch(secrets, config.clickHousePasswordSecretArn());
        }
    }
}
