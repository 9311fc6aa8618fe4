package dev.shardhouse.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.clickhouse.client.api.query.GenericRecord;
import dev.shardhouse.testing.KinesisEvents;
import dev.shardhouse.testing.KplAggregator;
import dev.shardhouse.testing.TestStreams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A corpus of bad records in one batch: each ends in the target table or in the error table with a reason, the
 * batch completes (the shard is never blocked), and a redelivery changes nothing.
 */
class BadInputCorpusIT {

    private static final String SHARD = "shardId-000000000000";
    private static IngestFixture fixture;
    private static String streamArn;

    @BeforeAll
    static void createStream() {
        fixture = new IngestFixture("it_bad_input");
        streamArn = new TestStreams(fixture.kinesis).create("it-bad-input", 1);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Each case and whether it belongs in the target table (true) or the error table (false). */
    private static Map<String, Map.Entry<byte[], Boolean>> jsonCorpus() {
        Map<String, Map.Entry<byte[], Boolean>> corpus = new LinkedHashMap<>();
        corpus.put("good", Map.entry(utf8("{\"id\":1,\"name\":\"ok\",\"score\":7}"), true));
        corpus.put("malformed JSON", Map.entry(utf8("{\"id\":2,"), false));
        corpus.put("not an object", Map.entry(utf8("[1,2,3]"), false));
        corpus.put("wrong type", Map.entry(utf8("{\"id\":\"three\"}"), false));
        corpus.put("number out of range", Map.entry(utf8("{\"id\":4,\"score\":300}"), false));
        corpus.put("negative into unsigned", Map.entry(utf8("{\"id\":-5}"), false));
        corpus.put("invalid UTF-8", Map.entry(new byte[] {'{', '"', 'i', 'd', '"', ':', '6', ',', '"', 'n', 'a', 'm',
                'e', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}'}, false));
        corpus.put("NUL bytes in a string", Map.entry(utf8("{\"id\":7,\"name\":\"a\\u0000b\"}"), true));
        corpus.put("raw NUL byte", Map.entry(new byte[] {0, '{', '}'}, false));
        corpus.put("empty data", Map.entry(new byte[0], false));
        corpus.put("deeply nested", Map.entry(utf8("{\"id\":10,\"name\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"),
                false));
        corpus.put("over 1 MiB", Map.entry(utf8("{\"id\":11,\"name\":\"" + "x".repeat(1_100_000) + "\"}"), true));
        corpus.put("KPL with a bad checksum", Map.entry(
                KplAggregator.withCorruptChecksum(KplAggregator.aggregate(List.of(Map.entry("k", utf8("{\"id\":12}"))))),
                false));
        corpus.put("gzip header, corrupt body", Map.entry(new byte[] {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3},
                false));
        corpus.put("trailing garbage", Map.entry(utf8("{\"id\":14} extra"), false));
        return corpus;
    }

    @Test
    void everyBadJsonRecordIsAccountedForAndTheBatchCompletes() {
        fixture.execute("DROP TABLE IF EXISTS DB.corpus");
        fixture.execute("DROP TABLE IF EXISTS DB.corpus_shardhouse_errors");
        fixture.execute("CREATE TABLE DB.corpus (id UInt32, name String DEFAULT '', score UInt8 DEFAULT 0,"
                + " _sequence_number String) ENGINE = MergeTree ORDER BY id"
                + " SETTINGS non_replicated_deduplication_window = 100");
        Map<String, Map.Entry<byte[], Boolean>> corpus = jsonCorpus();
        KinesisEvent batch = batch(corpus.values().stream().map(Map.Entry::getKey).toList());

        IngestHandler handler = fixture.handler(fixture.env("corpus", IngestFixture.uniqueName("cp_corpus")));
        handler.handleRequest(batch, null);
        handler.handleRequest(batch, null);

        Map<String, String> expectedPlace = new TreeMap<>();
        int index = 0;
        for (Map.Entry<String, Map.Entry<byte[], Boolean>> entry : corpus.entrySet()) {
            expectedPlace.put(sequence(index++), entry.getValue().getValue() ? "table" : "errors");
        }
        Map<String, String> actualPlace = new TreeMap<>();
        fixture.query("SELECT _sequence_number FROM DB.corpus").forEach(r -> actualPlace.put(r.getString(1), "table"));
        List<GenericRecord> errors = fixture.query("SELECT sequence_number, reason, raw_data = '' AS empty"
                + " FROM DB.corpus_shardhouse_errors");
        for (GenericRecord error : errors) {
            String previous = actualPlace.put(error.getString(1), "errors");
            assertEquals(null, previous, "record " + error.getString(1) + " is in both tables");
            assertFalse(error.getString(2).isBlank(), "error without a reason: " + error.getString(1));
        }
        assertEquals(expectedPlace, actualPlace, "where each case of " + corpus.keySet() + " ended");
        assertEquals(1, fixture.count("SELECT count() FROM DB.corpus WHERE name = 'a\\0b'"), "NUL kept as data");
        assertEquals(1_100_000, fixture.count("SELECT max(length(name)) FROM DB.corpus"));
    }

    @Test
    void csvRecordsWithTheWrongNumberOfFieldsGoToTheErrorTable() {
        fixture.execute("DROP TABLE IF EXISTS DB.corpus_csv");
        fixture.execute("DROP TABLE IF EXISTS DB.corpus_csv_shardhouse_errors");
        fixture.execute("CREATE TABLE DB.corpus_csv (id UInt32, name String) ENGINE = MergeTree ORDER BY id"
                + " SETTINGS non_replicated_deduplication_window = 100");
        Map<String, String> env = fixture.env("corpus_csv", IngestFixture.uniqueName("cp_corpus_csv"));
        env.put("RECORD_FORMAT", "CSV");
        KinesisEvent batch = batch(List.of(utf8("1,one"), utf8("2"), utf8("3,three,extra"), utf8("4,\"unclosed")));

        fixture.handler(env).handleRequest(batch, null);

        assertEquals(List.of("1"), fixture.query("SELECT toString(id) FROM DB.corpus_csv").stream()
                .map(r -> r.getString(1)).toList());
        assertEquals(List.of(sequence(1) + " expected 2 fields, got 1", sequence(2) + " expected 2 fields, got 3"),
                fixture.query("SELECT concat(sequence_number, ' ', reason) FROM DB.corpus_csv_shardhouse_errors"
                        + " WHERE reason LIKE 'expected%' ORDER BY sequence_number").stream().map(r -> r.getString(1)).toList());
        assertEquals(3, fixture.count("SELECT count() FROM DB.corpus_csv_shardhouse_errors"));
    }

    private static String sequence(int index) {
        return Integer.toString(5000 + index);
    }

    private static KinesisEvent batch(List<byte[]> payloads) {
        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            records.add(KinesisEvents.record(streamArn, SHARD, sequence(i), "pk", payloads.get(i), 1_700_000_000_000L));
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(records);
        return event;
    }
}
