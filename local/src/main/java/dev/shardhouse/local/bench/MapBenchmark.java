package dev.shardhouse.local.bench;

import dev.shardhouse.dedup.Position;
import dev.shardhouse.decode.UserRecord;
import dev.shardhouse.map.Column;
import dev.shardhouse.map.MapResult;
import dev.shardhouse.map.MappedRow;
import dev.shardhouse.map.RecordFormat;
import dev.shardhouse.map.RowMapper;
import dev.shardhouse.map.TableSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The map stage alone, no I/O: user records per second turned into RowBinary rows of the benchmark's click-event
 * table, from JSON and from CSV. Each invocation maps {@value #RECORDS} records.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(MapBenchmark.RECORDS)
public class MapBenchmark {

    static final int RECORDS = 1000;

    @Param({"200", "1024"})
    public int recordBytes;

    private RowMapper jsonMapper;
    private RowMapper csvMapper;
    private List<UserRecord> json;
    private List<UserRecord> csv;

    @Setup
    public void setUp() {
        List<Column> columns = SampleRecords.COLUMNS.stream()
                .map(column -> new Column(column.getKey(), column.getValue(), ""))
                .toList();
        TableSchema schema = TableSchema.of("bench", "events", columns);
        jsonMapper = new RowMapper(schema, RecordFormat.JSON);
        csvMapper = new RowMapper(schema, RecordFormat.CSV);
        json = records(id -> SampleRecords.json(id, recordBytes));
        csv = records(id -> SampleRecords.csv(id, recordBytes));
        requireRows(jsonMapper, json);
        requireRows(csvMapper, csv);
    }

    @Benchmark
    public void jsonToRowBinary(Blackhole sink) {
        mapAll(jsonMapper, json, sink);
    }

    @Benchmark
    public void csvToRowBinary(Blackhole sink) {
        mapAll(csvMapper, csv, sink);
    }

    private static void mapAll(RowMapper mapper, List<UserRecord> records, Blackhole sink) {
        for (UserRecord record : records) {
            sink.consume(mapper.map(record, "bench", BenchEvents.SHARD_ID));
        }
    }

    /** A record that failed to map would measure the error path instead. */
    private static void requireRows(RowMapper mapper, List<UserRecord> records) {
        for (UserRecord record : records) {
            MapResult result = mapper.map(record, "bench", BenchEvents.SHARD_ID);
            if (!(result instanceof MappedRow)) {
                throw new IllegalStateException("record " + record.position() + " did not map: " + result);
            }
        }
    }

    private static List<UserRecord> records(LongFunction<byte[]> data) {
        List<UserRecord> records = new ArrayList<>(RECORDS);
        for (long id = 1; id <= RECORDS; id++) {
            records.add(new UserRecord(Position.of(Batch.sequenceNumber(id), 0), "key-" + id % 64, Instant.EPOCH,
                    data.apply(id)));
        }
        return records;
    }
}
