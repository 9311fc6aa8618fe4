package dev.shardhouse.local.bench;

import dev.shardhouse.decode.KinesisRecordIn;
import dev.shardhouse.decode.RecordDecoder;
import dev.shardhouse.testing.KplAggregator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
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
 * The decode stage alone, no I/O: user records per second out of plain, gzip-compressed and KPL-aggregated
 * Kinesis records. Each invocation decodes {@value #RECORDS} user records.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(DecodeBenchmark.RECORDS)
public class DecodeBenchmark {

    static final int RECORDS = 1000;
    private static final int RECORDS_PER_AGGREGATE = 100;

    @Param({"200", "1024"})
    public int recordBytes;

    private final RecordDecoder decoder = new RecordDecoder();
    private List<KinesisRecordIn> plain;
    private List<KinesisRecordIn> gzipped;
    private List<KinesisRecordIn> aggregated;

    @Setup
    public void setUp() {
        plain = new ArrayList<>();
        gzipped = new ArrayList<>();
        for (int id = 1; id <= RECORDS; id++) {
            byte[] json = SampleRecords.json(id, recordBytes);
            plain.add(record(id, json));
            gzipped.add(record(id, gzip(json)));
        }
        aggregated = new ArrayList<>();
        for (int first = 1; first <= RECORDS; first += RECORDS_PER_AGGREGATE) {
            List<Map.Entry<String, byte[]>> users = new ArrayList<>();
            for (int id = first; id < first + RECORDS_PER_AGGREGATE; id++) {
                users.add(new AbstractMap.SimpleEntry<>("key-" + id % 64, SampleRecords.json(id, recordBytes)));
            }
            aggregated.add(record(first, KplAggregator.aggregate(users)));
        }
    }

    @Benchmark
    public void plainJson(Blackhole sink) {
        decodeAll(plain, sink);
    }

    @Benchmark
    public void gzipJson(Blackhole sink) {
        decodeAll(gzipped, sink);
    }

    @Benchmark
    public void kplAggregatedJson(Blackhole sink) {
        decodeAll(aggregated, sink);
    }

    private void decodeAll(List<KinesisRecordIn> records, Blackhole sink) {
        for (KinesisRecordIn record : records) {
            sink.consume(decoder.decode(record));
        }
    }

    private static KinesisRecordIn record(long id, byte[] data) {
        return new KinesisRecordIn(Batch.sequenceNumber(id), "key-" + id % 64, Instant.EPOCH, data);
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
