package dev.shardhouse.local.bench;

import dev.shardhouse.config.Environment;
import dev.shardhouse.config.IngestConfig;
import dev.shardhouse.handler.IngestHandler;
import dev.shardhouse.handler.IngestPipeline;
import dev.shardhouse.source.KinesisStreams;
import dev.shardhouse.testing.LocalServices;
import java.util.Map;

/** The Shardhouse ingest handler wired to the local services, as the deployed function configures it. */
final class ShardhouseHandlers {

    private ShardhouseHandlers() {
    }

    /** The function's settings for a JSON target table and its own checkpoint table. */
    static Map<String, String> environment(String database, String table, String checkpointTable) {
        return Map.of(
                "CLICKHOUSE_URL", LocalServices.clickHouseUrl(),
                "CLICKHOUSE_DATABASE", database,
                "TARGET_TABLE", table,
                "RECORD_FORMAT", "JSON",
                "CHECKPOINT_TABLE", checkpointTable,
                "CHECKPOINT_ARCHIVE_TABLE", checkpointTable + "_archive",
                "ERROR_TABLE", table + "_errors");
    }

    static IngestHandler create(String database, String table, String checkpointTable) {
        IngestConfig config = IngestConfig.from(new Environment(environment(database, table, checkpointTable)), secretArn -> {
            throw new IllegalStateException("the benchmark configures no secret, yet " + secretArn + " was read");
        });
        return new IngestHandler(IngestPipeline.create(config, new KinesisStreams(LocalServices.kinesis())));
    }
}
