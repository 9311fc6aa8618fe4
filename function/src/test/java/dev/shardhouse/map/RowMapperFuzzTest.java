package dev.shardhouse.map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shardhouse.decode.Decoded;
import dev.shardhouse.decode.KinesisRecordIn;
import dev.shardhouse.decode.RecordDecoder;
import dev.shardhouse.decode.UserRecord;
import java.util.EnumMap;
import java.util.Map;

/**
 * The whole way of one Kinesis record to rows, in every format: decoded (plain, gzip or KPL), then each user record
 * mapped to a row or a rejection with a reason, never an exception (which would fail the batch on every retry).
 * Regression mode replays the corpus in {@code RowMapperFuzzTestInputs/}; bin/fuzz fuzzes.
 */
class RowMapperFuzzTest {

    private static final String SEQUENCE = "49590338271490256608559692538361571095921575989136588898";
    private static final RecordDecoder DECODER = new RecordDecoder(1 << 16);
    private static final Map<RecordFormat, RowMapper> MAPPERS = new EnumMap<>(RecordFormat.class);

    static {
        TableSchema everyType = FuzzedTables.everyType();
        MAPPERS.put(RecordFormat.JSON, new RowMapper(everyType, RecordFormat.JSON));
        MAPPERS.put(RecordFormat.CSV, new RowMapper(everyType, RecordFormat.CSV));
        MAPPERS.put(RecordFormat.TSV, new RowMapper(everyType, RecordFormat.TSV));
        MAPPERS.put(RecordFormat.RAW, new RowMapper(FuzzedTables.raw(), RecordFormat.RAW));
        // Loads (and when fuzzing, instruments) every reader before the first input, whose run time the fuzzer
        // limits: on a loaded machine that took longer than the limit, reported as a timeout of the empty input.
        MAPPERS.values().forEach(mapper -> mapper.map(Records.record("{\"a\": 1}"), Records.STREAM, Records.SHARD));
    }

    /** The first byte picks the format; the rest is the Kinesis record's data. */
    @FuzzTest
    void everyRecordBecomesARowOrARejectionWithAReason(FuzzedDataProvider fuzz) {
        RowMapper mapper = MAPPERS.get(fuzz.pickValue(RecordFormat.values()));
        byte[] data = fuzz.consumeRemainingAsBytes();
        for (Decoded decoded : DECODER.decode(new KinesisRecordIn(SEQUENCE, "pk", Records.ARRIVAL, data))) {
            if (decoded instanceof UserRecord record) {
                MapResult result = mapper.map(record, Records.STREAM, Records.SHARD);
                if (result instanceof MappingFailure failure) {
                    assertFalse(failure.reason().isBlank(), "a rejection without a reason");
                } else {
                    assertTrue(((MappedRow) result).rowBinary().length > 0, "an empty row");
                }
            }
        }
    }
}
