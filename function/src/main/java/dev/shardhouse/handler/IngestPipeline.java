package dev.shardhouse.handler;

import dev.shardhouse.checkpoint.CheckpointStore;
import dev.shardhouse.checkpoint.CheckpointTables;
import dev.shardhouse.checkpoint.KeeperMapCheckpointStore;
import dev.shardhouse.clickhouse.ClickHouseFailure;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.ClickHouseSettings;
import dev.shardhouse.config.ConfigException;
import dev.shardhouse.config.IngestConfig;
import dev.shardhouse.config.Setting;
import dev.shardhouse.deadline.InvocationDeadline;
import dev.shardhouse.decode.RecordDecoder;
import dev.shardhouse.insert.BatchWriter;
import dev.shardhouse.insert.DeduplicationCheck;
import dev.shardhouse.insert.ErrorTable;
import dev.shardhouse.insert.InsertDeduplication;
import dev.shardhouse.insert.RefusedRows;
import dev.shardhouse.map.TargetTable;
import dev.shardhouse.observe.EmfLine;
import dev.shardhouse.source.KinesisStreams;
import dev.shardhouse.source.StreamSummary;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.event.Level;

/**
 * Everything the ingest function builds once per instance: the ClickHouse client, the checkpoint and error tables
 * (created if absent), after checking that the target table exists, can be written and deduplicates.
 */
public record IngestPipeline(IngestConfig config, ShardBatchProcessor processor, KinesisStreams streams,
                             ClickHouseSql sql, InvocationDeadline deadline) {

    public static IngestPipeline create(IngestConfig config, KinesisStreams streams) {
        return create(config, streams, UnaryOperator.identity());
    }

    /**
     * @param wrapStore decorates the checkpoint store; the fault-injection tests and {@code bin/chaos} use it to
     *                  stop an invocation between its insert and its checkpoint
     */
    public static IngestPipeline create(IngestConfig config, KinesisStreams streams,
                                        UnaryOperator<CheckpointStore> wrapStore) {
        return create(config, () -> streams, wrapStore);
    }

    /**
     * @param streams asked for only once ClickHouse is set up, so that they can be built meanwhile in another thread
     * @param stream the stream's shard count and retention for the deduplication check, empty when it could not be
     *               described (the check then assumes one shard and Kinesis' shortest retention)
     */
    public static IngestPipeline create(IngestConfig config, Supplier<KinesisStreams> streams,
                                        Supplier<Optional<StreamSummary>> stream) {
        return create(config, streams, stream, UnaryOperator.identity());
    }

    private static IngestPipeline create(IngestConfig config, Supplier<KinesisStreams> kinesis,
                                         UnaryOperator<CheckpointStore> wrapStore) {
        return create(config, kinesis, Optional::empty, wrapStore);
    }

    private static IngestPipeline create(IngestConfig config, Supplier<KinesisStreams> kinesis,
                                         Supplier<Optional<StreamSummary>> stream,
                                         UnaryOperator<CheckpointStore> wrapStore) {
        ClickHouseSettings ch = config.clickHouse();
        InvocationDeadline deadline = new InvocationDeadline();
        ClickHouseSql sql = new ClickHouseSql(ch, deadline);
        TargetTable target = new TargetTable(sql, ch.database(), config.targetTable(), config.recordFormat(),
                config.unmatchedKeys());
        firstContact(ch, target::current);
        checkDeduplication(config, sql, stream.get());
        KeeperMapCheckpointStore.createTables(sql, ch.database(), config.checkpointTable(), config.checkpointArchiveTable());
        sql.execute(ErrorTable.createStatement(ch.database(), config.errorTable()));
        KinesisStreams streams = kinesis.get().within(deadline);
        ShardBatchProcessor processor = new ShardBatchProcessor(
                new RecordDecoder(),
                target,
                wrapStore.apply(new KeeperMapCheckpointStore(sql, ch.database(), config.checkpointTable(),
                        config.checkpointArchiveTable(), CheckpointTables.pipeline(ch.database(), config.targetTable()))),
                new BatchWriter(sql, ch.database(), config.targetTable(), config.errorTable(), InsertDeduplication.read(sql)),
                new RefusedRows(sql, ch.database(), config.targetTable()),
                streams,
                ExpiredRecords.logged(config.metricsNamespace()));
        return new IngestPipeline(config, processor, streams, sql, deadline);
    }

    /** The first query tells whether ClickHouse can be reached at all: say so with the URL and user. */
    private static void firstContact(ClickHouseSettings ch, Runnable query) {
        try {
            query.run();
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException("ClickHouse at " + ch.url() + " (" + Setting.CLICKHOUSE_URL.name() + ") as user '"
                    + ch.user() + "' failed the first query: " + ClickHouseFailure.of(e).message(), e);
        }
    }

    private static void checkDeduplication(IngestConfig config, ClickHouseSql sql, Optional<StreamSummary> stream) {
        Optional<String> problem = DeduplicationCheck.problem(sql, config.clickHouse().database(), config.targetTable(),
                DeduplicationCheck.Needs.of(config.maximumRecordAgeSeconds(), stream));
        if (problem.isEmpty()) {
            return;
        }
        if (config.dedupWindowCheck() == IngestConfig.DedupWindowCheck.FAIL) {
            throw new ConfigException(Setting.TARGET_TABLE.name(), problem.get()
                    + " (set " + Setting.DEDUP_WINDOW_CHECK.name() + "=WARN to start anyway, accepting duplicates after crashes)");
        }
        new EmfLine(config.metricsNamespace(), Level.WARN, "deduplication_warning").field("problem", problem.get()).emit();
    }
}
