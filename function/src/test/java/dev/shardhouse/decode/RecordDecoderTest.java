package dev.shardhouse.decode;

import static dev.shardhouse.decode.DecodedAssertions.assertFailure;
import static dev.shardhouse.decode.DecodedAssertions.assertUserRecord;
import static dev.shardhouse.decode.DecodedAssertions.hex;
import static dev.shardhouse.decode.DecodedAssertions.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Non-aggregated records: plain and gzip payloads, sequence numbers. */
class RecordDecoderTest {

    private static final String SEQ = "49590338271490256608559692538361571095921575989136588898";
    private static final Instant ARRIVAL = Instant.parse("2025-03-01T12:00:00.250Z");

    private final RecordDecoder decoder = new RecordDecoder();

    @Test
    void plainRecordIsOneUserRecordAtSubSequenceZero() {
        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "user-7", ARRIVAL, utf8("{\"id\":1}")));

        assertEquals(1, decoded.size());
        assertUserRecord(decoded.get(0), SEQ + ".0", "user-7", "{\"id\":1}");
        assertEquals(ARRIVAL, decoded.get(0).approximateArrival());
    }

    @Test
    void emptyDataIsAnEmptyUserRecord() {
        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "k", ARRIVAL, new byte[0]));

        assertEquals(1, decoded.size());
        assertUserRecord(decoded.get(0), SEQ + ".0", "k", new byte[0]);
    }

    @Test
    void gzipRecordIsInflated() throws IOException {
        byte[] compressed = gzip(utf8("{\"név\":\"Zoë\"}"));

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "k", ARRIVAL, compressed));

        assertEquals(1, decoded.size());
        assertUserRecord(decoded.get(0), SEQ + ".0", "k", "{\"név\":\"Zoë\"}");
    }

    @Test
    void gzipPayloadLargerThanTheFirstBufferGuessIsInflatedWhole() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            rows.append("{\"row\":").append(i).append("}\n");
        }
        byte[] original = utf8(rows.toString());

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "k", ARRIVAL, gzip(original)));

        assertUserRecord(decoded.get(0), SEQ + ".0", "k", original);
    }

    @Test
    void concatenatedGzipMembersInflateToTheirConcatenation() throws IOException {
        byte[] twoMembers = concat(gzip(utf8("first,")), gzip(utf8("second")));

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "k", ARRIVAL, twoMembers));

        assertUserRecord(decoded.get(0), SEQ + ".0", "k", "first,second");
    }

    @Test
    void gzipWithCorruptBodyIsAFailureCarryingTheRawBytes() throws IOException {
        byte[] corrupt = gzip(utf8("{\"a\":\"" + "x".repeat(500) + "\"}"));
        corrupt[12] ^= (byte) 0xFF; // inside the deflate stream, which starts after the 10-byte header

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "k", ARRIVAL, corrupt));

        assertEquals(1, decoded.size());
        DecodeFailure failure = assertInstanceOf(DecodeFailure.class, decoded.get(0));
        assertEquals(SEQ + ".0", failure.position().toString());
        assertArrayEquals(corrupt, failure.raw());
        assertTrue(failure.reason().startsWith("corrupt gzip payload: "), failure.reason());
    }

    @Test
    void gzipWithWrongCrcIsAFailure() throws IOException {
        byte[] badCrc = gzip(utf8("hello"));
        badCrc[badCrc.length - 8] ^= 1; // the CRC32 is the trailer's first 4 bytes

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "k", ARRIVAL, badCrc));

        assertFailure(decoded.get(0), SEQ + ".0", "k", badCrc, "corrupt gzip payload: Corrupt GZIP trailer");
    }

    @Test
    void truncatedGzipIsAFailure() throws IOException {
        byte[] whole = gzip(utf8("hello, world, hello, world"));
        byte[] truncated = Arrays.copyOf(whole, whole.length - 12);

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "k", ARRIVAL, truncated));

        assertFailure(decoded.get(0), SEQ + ".0", "k", truncated,
                "corrupt gzip payload: Unexpected end of ZLIB input stream");
    }

    @Test
    void dataThatOnlyStartsWithTheGzipMagicIsAFailureNotPlainData() {
        byte[] notGzip = concat(hex("1F8B"), utf8("not gzip at all"));

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "k", ARRIVAL, notGzip));

        assertFailure(decoded.get(0), SEQ + ".0", "k", notGzip, "corrupt gzip payload: Unsupported compression method");
    }

    @Test
    void gzipBombOverTheLimitIsAFailure() throws IOException {
        byte[] bomb = gzip(new byte[10 * 1024 * 1024]);

        List<Decoded> decoded = new RecordDecoder(1024 * 1024).decode(new KinesisRecordIn(SEQ, "k", ARRIVAL, bomb));

        assertFailure(decoded.get(0), SEQ + ".0", "k", bomb, "gzip payload inflates beyond 1048576 bytes");
    }

    @Test
    void gzipPayloadOfExactlyTheLimitIsAcceptedAndOneByteMoreIsNot() throws IOException {
        RecordDecoder limited = new RecordDecoder(1000);
        byte[] atLimit = utf8("y".repeat(1000));
        byte[] overLimit = gzip(utf8("y".repeat(1001)));

        assertUserRecord(limited.decode(new KinesisRecordIn(SEQ, "k", ARRIVAL, gzip(atLimit))).get(0), SEQ + ".0",
                "k", atLimit);
        assertFailure(limited.decode(new KinesisRecordIn(SEQ, "k", ARRIVAL, overLimit)).get(0), SEQ + ".0", "k",
                overLimit, "gzip payload inflates beyond 1000 bytes");
    }

    @Test
    void nonPositiveLimitIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecordDecoder(0));
        assertEquals("maxInflatedBytes must be positive: 0", e.getMessage());
    }

    @Test
    void sequenceNumberOf129DigitsIsKeptExactly() {
        String longest = "9" + "0123456789".repeat(12) + "87654321";
        assertEquals(129, longest.length());

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(longest, "k", ARRIVAL, utf8("x")));

        assertEquals(new BigInteger(longest), decoded.get(0).position().sequence());
        assertEquals(longest, decoded.get(0).position().sequenceNumber());
        assertEquals(0, decoded.get(0).position().subSequence());
    }

    @Test
    void invalidSequenceNumberPropagatesAsAProgrammingError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decoder.decode(new KinesisRecordIn("12a", "k", ARRIVAL, utf8("x"))));
        assertEquals("not a Kinesis sequence number: 12a", e.getMessage());
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
