package dev.shardhouse.tracker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.clickhouse.KeeperMapRequirement;
import dev.shardhouse.config.ClickHouseSettings;
import dev.shardhouse.config.ConfigException;
import dev.shardhouse.config.Environment;
import dev.shardhouse.config.SecretsManagerPasswords;
import dev.shardhouse.config.Setting;
import dev.shardhouse.observe.EmfLine;
import dev.shardhouse.observe.JsonLog;
import java.time.Clock;
import org.slf4j.event.Level;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

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
    private final String streamArn;

    public TrackerHandler() {
        this(TrackerConfig.from(new Environment(System.getenv()), new SecretsManagerPasswords()),
                KinesisClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                Clock.systemUTC());
    }

    /** For tests and local runs: explicit clients instead of the environment's. */
    public TrackerHandler(TrackerConfig config, KinesisClient kinesis, Clock clock) {
        ClickHouseSettings ch = config.clickHouse();
        ClickHouseSql sql = new ClickHouseSql(ch);
        try {
            TrackerTables.createAll(sql, config);
        } catch (RuntimeException e) {
            throw KeeperMapRequirement.explained(e, ch.url());
        }
        this.tracker = Tracker.create(config, kinesis, sql, clock);
        this.metricsNamespace = config.metricsNamespace();
        this.streamArn = config.streamArn();
    }

    @Override
    public TrackerReport handleRequest(ScheduledEvent event, Context context) {
        JsonLog.requestId(context == null ? "local" : context.getAwsRequestId());
        TrackerReport report;
        try {
            report = tracker.run();
        } catch (ResourceNotFoundException e) {
            new EmfLine(metricsNamespace, Level.ERROR, "stream_not_found")
                    .field("stream", streamArn)
                    .field("setting", Setting.STREAM_ARN.name())
                    .field("check", ConfigException.NO_SUCH_STREAM_CHECK)
                    .field("kinesisSays", e.getMessage())
                    .emit();
            throw ConfigException.noSuchStream(streamArn, e.getMessage());
        }
        report.toLogLine(metricsNamespace).emit();
        return report;
    }
}
