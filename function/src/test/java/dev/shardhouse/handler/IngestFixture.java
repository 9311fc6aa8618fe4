package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import dev.shardhouse.checkpoint.CheckpointStore;
import dev.shardhouse.checkpoint.CheckpointTables;
import dev.shardhouse.checkpoint.KeeperMapCheckpointStore;
import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.Environment;
import dev.shardhouse.config.IngestConfig;
import dev.shardhouse.decode.RecordDecoder;
import dev.shardhouse.insert.BatchWriter;
import dev.shardhouse.insert.InsertDeduplication;
import dev.shardhouse.insert.RefusedRows;
import dev.shardhouse.map.TableDefinition;
import dev.shardhouse.map.TargetTable;
import dev.shardhouse.source.KinesisStreams;
import dev.shardhouse.testing.KinesisEvents;
import dev.shardhouse.testing.LocalServices;
import dev.shardhouse.testing.TestStreams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;

/** A database on the local ClickHouse and handlers wired to it, as the ingest function would be. */
final class IngestFixture {

    final String database;
    final Client client;
    final ClickHouseSql sql;
    final KinesisClient kinesis;

    IngestFixture(String database) {
        this.database = database;
        this.client = LocalServices.clickHouse("default");
        this.sql = new ClickHouseSql(client);
        this.kinesis = LocalServices.kinesis();
        sql.execute("CREATE DATABASE IF NOT EXISTS " + database);
    }

    /** Runs a statement in the fixture's database ({@code DB} in the text stands for its name). */
    void execute(String statement) {
        sql.execute(statement.replace("DB.", database + "."));
    }

    List<GenericRecord> query(String statement) {
        return sql.query(statement.replace("DB.", database + "."), Map.of());
    }

    long count(String statement) {
        return query(statement).get(0).getLong(1);
    }

    Map<String, String> env(String table, String checkpointTable) {
        Map<String, String> env = new HashMap<>();
        env.put("CLICKHOUSE_URL", LocalServices.clickHouseUrl());
        env.put("CLICKHOUSE_DATABASE", database);
        env.put("TARGET_TABLE", table);
        env.put("CHECKPOINT_TABLE", checkpointTable);
        env.put("CHECKPOINT_ARCHIVE_TABLE", checkpointTable + "_archive");
        return env;
    }

    /**
     * A new deduplicating table {@code name} with {@code columns} (and no error table yet), and the environment of a
     * function writing it with checkpoints of its own.
     */
    Map<String, String> table(String name, String columns) {
        execute("DROP TABLE IF EXISTS DB." + name);
        execute("DROP TABLE IF EXISTS DB." + name + "_shardhouse_errors");
        execute("CREATE TABLE DB." + name + " (" + columns + ") ENGINE = MergeTree ORDER BY tuple()"
                + " SETTINGS non_replicated_deduplication_window = 1000");
        return env(name, uniqueName("cp_" + name));
    }

    IngestHandler handler(Map<String, String> env) {
        return handler(env, UnaryOperator.identity());
    }

    /** A handler whose checkpoint store is wrapped, to inject faults around the real one. */
    IngestHandler handler(Map<String, String> env, UnaryOperator<CheckpointStore> wrap) {
        return new IngestHandler(IngestPipeline.create(config(env), new KinesisStreams(kinesis), wrap));
    }

    static IngestConfig config(Map<String, String> env) {
        return IngestConfig.from(new Environment(env), arn -> {
            throw new AssertionError("no secret is configured in tests");
        });
    }

    /** The processor IngestPipeline builds for {@code config}. */
    ShardBatchProcessor processor(IngestConfig config) {
        return processor(config, Map.of(), UnaryOperator.identity(), UnaryOperator.identity());
    }

    /**
     * The processor IngestPipeline builds for {@code config}, on a client whose every request carries {@code profile},
     * its table definition and checkpoint store wrapped to observe or disturb them.
     */
    ShardBatchProcessor processor(IngestConfig config, Map<String, String> profile,
                                  UnaryOperator<TableDefinition> wrapTable, UnaryOperator<CheckpointStore> wrapStore) {
        ClickHouseSql profiled = new ClickHouseSql(LocalServices.clickHouse("default", profile));
        return new ShardBatchProcessor(new RecordDecoder(),
                wrapTable.apply(new TargetTable(profiled, database, config.targetTable(), config.recordFormat(),
                        config.unmatchedKeys())),
                wrapStore.apply(new KeeperMapCheckpointStore(profiled, database, config.checkpointTable(),
                        config.checkpointArchiveTable(), CheckpointTables.pipeline(database, config.targetTable()))),
                new BatchWriter(profiled, database, config.targetTable(), config.errorTable(),
                        InsertDeduplication.read(profiled)),
                new RefusedRows(profiled, database, config.targetTable()),
                new KinesisStreams(kinesis),
                (stream, shard, claim, records) -> {
                    throw new AssertionError("no record ages out in this test");
                });
    }

    /**
     * A table name no earlier run used: a KeeperMap table dropped and created again under the same keeper path can
     * fail while the keeper still cleans up the old one.
     */
    static String uniqueName(String prefix) {
        return prefix + "_" + Long.toString(System.nanoTime(), 36);
    }

    /** Runs the event's one shard batch through the handler's processor, for the counts of its outcome. */
    static BatchOutcome process(IngestHandler handler, KinesisEvent event) {
        var batch = IngestHandler.byShard(event).entrySet().iterator().next();
        return handler.pipeline().processor().process(
                handler.pipeline().streams().identity(batch.getKey().streamArn()), batch.getKey().shardId(),
                batch.getValue(), "test");
    }

    /**
     * Records {@code first} to {@code first + count - 1} of one shard, sequence numbers 1000 + index, payloads from
     * {@code json}: a batch as the mapping delivers it, for tests that need no records in Kinesis itself.
     */
    static KinesisEvent event(String streamArn, String shardId, int first, int count, IntFunction<String> json) {
        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            records.add(KinesisEvents.record(streamArn, shardId, Long.toString(1000 + i), "pk-" + i,
                    json.apply(i).getBytes(StandardCharsets.UTF_8), 1_700_000_000_000L + i));
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(records);
        return event;
    }

    /** A one-shard stream and all of its records as one event. */
    record OrderStream(String arn, String shardId, KinesisEvent all) {
    }

    /**
     * A new one-shard stream holding {@code records} order documents ({@code {"id":i,"name":"order-i"}}, under seven
     * partition keys), read back whole.
     */
    OrderStream orderStream(String name, int records) {
        TestStreams streams = new TestStreams(kinesis);
        String arn = streams.create(name, 1);
        String shardId = streams.shards(arn).get(0).shardId();
        streams.put(arn, IntStream.range(0, records)
                .mapToObj(i -> ("{\"id\":" + i + ",\"name\":\"order-" + i + "\"}").getBytes(StandardCharsets.UTF_8))
                .toList(), i -> "customer-" + (i % 7));
        List<Record> read = streams.readAll(arn, shardId);
        assertEquals(records, read.size(), "records read back from the local Kinesis");
        return new OrderStream(arn, shardId, KinesisEvents.of(arn, shardId, read));
    }

    static KinesisEvent slice(KinesisEvent event, int from, int to) {
        KinesisEvent part = new KinesisEvent();
        part.setRecords(event.getRecords().subList(from, to));
        return part;
    }
}
