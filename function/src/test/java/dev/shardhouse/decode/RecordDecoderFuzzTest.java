package dev.shardhouse.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.testing.KplAggregator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The record decoder (plain, gzip, KPL) on any bytes: every record ends as user records or one failure carrying its
 * raw bytes, never an exception; gzip payloads inflate as {@link GZIPInputStream} reads them whole; aggregates split
 * as protobuf-java reads the same message definitions ({@link KplReference}). Regression mode replays the corpus in
 * {@code RecordDecoderFuzzTestInputs/}; bin/fuzz fuzzes.
 */
class RecordDecoderFuzzTest {

    /** Small, so that decompression bombs are found cheaply; the limit's logic is the same at 64 MiB. */
    private static final int MAX_INFLATED = 1 << 16;
    private static final RecordDecoder DECODER = new RecordDecoder(MAX_INFLATED);
    private static final String SEQUENCE = "49590338271490256608559692538361571095921575989136588898";
    private static final String AGGREGATE_FAILURE = "KPL aggregated record: ";

    @FuzzTest
    void anyRecordDecodesOrFailsWithItsBytes(byte[] data) {
        List<Decoded> decoded = decode(data);

        assertFalse(decoded.isEmpty(), "a record decoded to nothing");
        for (int i = 0; i < decoded.size(); i++) {
            assertEquals(Position.of(SEQUENCE, i), decoded.get(i).position(), "user record " + i);
            if (decoded.get(i) instanceof DecodeFailure failure) {
                assertFalse(failure.reason().isBlank(), "a failure without a reason");
            }
        }
        if (!KplDeaggregator.isAggregated(data)) {
            assertEquals(1, decoded.size());
            assertPayload(data, decoded.get(0));
        }
    }

    /**
     * An {@code AggregatedRecord} message, framed with the magic and its right MD5 (which a fuzzer could not find),
     * splits into the user records protobuf-java reads, or fails whole exactly when that reading fails.
     */
    @FuzzTest
    void aggregatesSplitAsProtobufReadsThem(byte[] message) {
        byte[] aggregated = KplAggregator.frame(message);
        List<Decoded> decoded = decode(aggregated);
        List<KplReference.UserData> expected = KplReference.read(message);

        if (expected == null) {
            assertEquals(1, decoded.size(), "a refused aggregate fails whole");
            DecodeFailure failure = assertInstanceOf(DecodeFailure.class, decoded.get(0), "protobuf refuses it");
            assertTrue(failure.reason().startsWith(AGGREGATE_FAILURE), failure.reason());
            assertArrayEquals(aggregated, failure.raw());
            return;
        }
        assertEquals(expected.size(), decoded.size(), "user records");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).partitionKey(), decoded.get(i).partitionKey(), "user record " + i);
            assertPayload(expected.get(i).data(), decoded.get(i));
        }
    }

    private static List<Decoded> decode(byte[] data) {
        return DECODER.decode(new KinesisRecordIn(SEQUENCE, "pk", Instant.EPOCH, data));
    }

    /** A payload decodes to itself, or if gzip to what the JDK's stream inflates, failing with its bytes if that fails. */
    private static void assertPayload(byte[] payload, Decoded decoded) {
        byte[] expected = GzipInflater.isGzip(payload, 0, payload.length) ? inflated(payload) : payload;
        if (expected == null) {
            DecodeFailure failure = assertInstanceOf(DecodeFailure.class, decoded, "the JDK cannot inflate it");
            assertFalse(failure.reason().startsWith(AGGREGATE_FAILURE), failure.reason());
            assertArrayEquals(payload, failure.raw());
        } else {
            assertArrayEquals(expected, assertInstanceOf(UserRecord.class, decoded).data());
        }
    }

    /** Everything the stream yields to its end, or null if it is corrupt or longer than the limit. */
    private static byte[] inflated(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            byte[] all = in.readNBytes(MAX_INFLATED + 1);
            return all.length > MAX_INFLATED ? null : all;
        } catch (IOException e) {
            return null;
        }
    }
}
