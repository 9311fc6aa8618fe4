package dev.shardhouse.decode;

import static dev.shardhouse.decode.DecodedAssertions.assertFailure;
import static dev.shardhouse.decode.DecodedAssertions.assertUserRecord;
import static dev.shardhouse.decode.DecodedAssertions.hex;
import static dev.shardhouse.decode.DecodedAssertions.utf8;
import static dev.shardhouse.decode.RecordDecoderTest.gzip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.shardhouse.testing.KplAggregator;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KPL aggregated records, including hand-encoded bytes that do not come from the fixture or the reader. */
class RecordDecoderKplTest {

    private static final String SEQ = "49590338271490256608559692538361571095921575989136588898";
    private static final Instant ARRIVAL = Instant.parse("2025-03-01T12:00:00Z");

    /**
     * Encoded by hand: partition key table ["a", "bb"], records {pk 0, "hi"} and {pk 1, "yo!"}; the MD5 trailer
     * was computed with coreutils md5sum over the protobuf bytes.
     */
    private static final byte[] HAND_BUILT = hex("F3899AC2"
            + "0A0161" + "0A026262" // partition_key_table: "a", "bb"
            + "1A06" + "0800" + "1A026869" // record: partition_key_index 0, data "hi"
            + "1A07" + "0801" + "1A03796F21" // record: partition_key_index 1, data "yo!"
            + "C6B191B4EABF5E0C2F79FDA44590D6A4");

    private final RecordDecoder decoder = new RecordDecoder();

    @Test
    void handBuiltAggregateDecodesToItsUserRecords() {
        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "outer", ARRIVAL, HAND_BUILT));

        assertEquals(2, decoded.size());
        assertUserRecord(decoded.get(0), SEQ + ".0", "a", "hi");
        assertUserRecord(decoded.get(1), SEQ + ".1", "bb", "yo!");
    }

    @Test
    void fixtureEncodesExactlyLikeTheHandBuiltBytes() {
        byte[] built = KplAggregator.aggregate(List.of(Map.entry("a", utf8("hi")), Map.entry("bb", utf8("yo!"))));

        assertArrayEquals(HAND_BUILT, built);
    }

    @Test
    void threeUserRecordsGetConsecutiveSubSequencesAndTheirOwnKeys() {
        byte[] aggregated = KplAggregator.aggregate(List.of(
                Map.entry("alpha", utf8("{\"n\":1}")),
                Map.entry("beta", utf8("{\"n\":2}")),
                Map.entry("alpha", utf8("{\"n\":3}"))));

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "outer", ARRIVAL, aggregated));

        assertEquals(3, decoded.size());
        assertUserRecord(decoded.get(0), SEQ + ".0", "alpha", "{\"n\":1}");
        assertUserRecord(decoded.get(1), SEQ + ".1", "beta", "{\"n\":2}");
        assertUserRecord(decoded.get(2), SEQ + ".2", "alpha", "{\"n\":3}");
        for (Decoded record : decoded) {
            assertEquals(ARRIVAL, record.approximateArrival());
        }
    }

    @Test
    void gzipUserRecordsAreInflatedOneByOne() throws IOException {
        byte[] corruptGzip = gzip(utf8("never seen"));
        corruptGzip[corruptGzip.length - 8] ^= 1; // CRC32 in the trailer
        byte[] aggregated = KplAggregator.aggregate(List.of(
                Map.entry("k1", gzip(utf8("{\"zipped\":true}"))),
                Map.entry("k2", utf8("{\"zipped\":false}")),
                Map.entry("k3", corruptGzip)));

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "outer", ARRIVAL, aggregated));

        assertEquals(3, decoded.size());
        assertUserRecord(decoded.get(0), SEQ + ".0", "k1", "{\"zipped\":true}");
        assertUserRecord(decoded.get(1), SEQ + ".1", "k2", "{\"zipped\":false}");
        assertFailure(decoded.get(2), SEQ + ".2", "k3", corruptGzip, "corrupt gzip payload: Corrupt GZIP trailer");
    }

    @Test
    void emptyUserRecordDataIsKept() {
        byte[] aggregated = KplAggregator.aggregate(List.of(Map.entry("k", new byte[0]), Map.entry("k", utf8("x"))));

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "outer", ARRIVAL, aggregated));

        assertEquals(2, decoded.size());
        assertUserRecord(decoded.get(0), SEQ + ".0", "k", new byte[0]);
        assertUserRecord(decoded.get(1), SEQ + ".1", "k", "x");
    }

    @Test
    void badChecksumFailsTheWholeRecordWithItsRawBytes() {
        byte[] corrupt = KplAggregator.withCorruptChecksum(
                KplAggregator.aggregate(List.of(Map.entry("a", utf8("1")), Map.entry("b", utf8("2")))));

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "outer", ARRIVAL, corrupt));

        assertEquals(1, decoded.size());
        assertFailure(decoded.get(0), SEQ + ".0", "outer", corrupt, "KPL aggregated record: MD5 checksum mismatch");
        assertEquals(ARRIVAL, decoded.get(0).approximateArrival());
    }

    @Test
    void changedPayloadUnderTheOriginalChecksumIsAMismatch() {
        byte[] tampered = HAND_BUILT.clone();
        tampered[17] = 'H'; // "hi" -> "Hi"

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "outer", ARRIVAL, tampered));

        assertFailure(decoded.get(0), SEQ + ".0", "outer", tampered, "KPL aggregated record: MD5 checksum mismatch");
    }

    @Test
    void magicWithoutRoomForTheChecksumIsAFailure() {
        byte[] stub = hex("F3899AC2 0A0161 0A026262");

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "outer", ARRIVAL, stub));

        assertFailure(decoded.get(0), SEQ + ".0", "outer", stub,
                "KPL aggregated record: too short for the 16-byte MD5 trailer");
    }

    @Test
    void truncatedProtobufUnderAValidChecksumIsOneFailure() {
        // The second record claims 7 bytes but only 5 remain.
        byte[] truncated = KplAggregator.frame(hex("0A0161 0A026262 1A06 0800 1A026869 1A07 0801 1A0379"));

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "outer", ARRIVAL, truncated));

        assertEquals(1, decoded.size());
        assertFailure(decoded.get(0), SEQ + ".0", "outer", truncated,
                "KPL aggregated record: malformed protobuf: field length 7 exceeds the remaining 5 bytes");
    }

    @Test
    void outOfRangePartitionKeyIndexFailsTheWholeRecordEvenAfterGoodOnes() {
        // Two keys; the first record is fine, the second points at key 5.
        byte[] aggregated = KplAggregator.frame(hex("0A0161 0A026262 1A06 0800 1A026869 1A05 0805 1A0178"));

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "outer", ARRIVAL, aggregated));

        assertEquals(1, decoded.size());
        assertFailure(decoded.get(0), SEQ + ".0", "outer", aggregated, "KPL aggregated record: user record 1 has "
                + "partition key index 5 but the partition key table has 2 entries");
    }

    @Test
    void aKeyIndexGivenTwiceTakesItsLastValueAsProtobufDoes() {
        // Found by RecordDecoderFuzzTest: index 5 (out of range), then 0; protobuf keeps the last value of a field.
        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "outer", ARRIVAL,
                KplAggregator.frame(hex("0A016B 1A07 0805 0800 1A0178"))));

        assertUserRecord(decoded.get(0), SEQ + ".0", "k", "x");
        assertEquals(1, decoded.size(), "one user record");
    }

    @Test
    void outOfRangeExplicitHashKeyIndexIsAFailure() {
        // One partition key, no explicit hash keys, a record naming explicit hash key 0.
        byte[] aggregated = KplAggregator.frame(hex("0A0161 1A07 0800 1000 1A0178"));

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "outer", ARRIVAL, aggregated));

        assertFailure(decoded.get(0), SEQ + ".0", "outer", aggregated, "KPL aggregated record: user record 0 has "
                + "explicit hash key index 0 but the explicit hash key table has 0 entries");
    }

    @Test
    void userRecordWithoutDataIsAFailure() {
        byte[] aggregated = KplAggregator.frame(hex("0A0161 1A02 0800"));

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "outer", ARRIVAL, aggregated));

        assertFailure(decoded.get(0), SEQ + ".0", "outer", aggregated,
                "KPL aggregated record: user record 0 has no data");
    }

    @Test
    void aggregateWithoutUserRecordsIsAFailureNotSilence() {
        byte[] aggregated = KplAggregator.frame(hex("0A0161"));

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "outer", ARRIVAL, aggregated));

        assertFailure(decoded.get(0), SEQ + ".0", "outer", aggregated,
                "KPL aggregated record: contains no user records");
    }

    @Test
    void tagsUnknownFieldsAndAnyFieldOrderAreHandled() {
        // The record comes before the key tables and carries an explicit hash key index, a Tag{"env","x"}, and
        // unknown fields of every wire type: varint 150, fixed64, fixed32 and a group; an unknown
        // length-delimited field follows at the top level.
        byte[] aggregated = KplAggregator.frame(hex("1A29"
                + "0800" + "1000" + "22080A03656E76120178" + "289601" + "310102030405060708" + "3D01020304"
                + "43080144" + "1A0464617461"
                + "0A02706B" + "1203313233" + "4A02ABCD"));

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "outer", ARRIVAL, aggregated));

        assertEquals(1, decoded.size());
        assertUserRecord(decoded.get(0), SEQ + ".0", "pk", "data");
    }

    @Test
    void fieldWithAnUnexpectedWireTypeIsSkippedAsUnknown() {
        // Top-level field 3 as a varint (not a record), then one real record.
        byte[] aggregated = KplAggregator.frame(hex("0A0161 1807 1A05 0800 1A0178"));

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "outer", ARRIVAL, aggregated));

        assertEquals(1, decoded.size());
        assertUserRecord(decoded.get(0), SEQ + ".0", "a", "x");
    }

    @Test
    void aggregateOfManyRecordsKeepsEveryOneInOrder() {
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            records.add(Map.entry("key-" + (i % 7), utf8("record " + i)));
        }

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "outer", ARRIVAL,
                KplAggregator.aggregate(records)));

        assertEquals(300, decoded.size());
        for (int i = 0; i < 300; i++) {
            assertUserRecord(decoded.get(i), SEQ + "." + i, "key-" + (i % 7), "record " + i);
        }
    }

    @Test
    void plainRecordIsNotMistakenForAnAggregate() {
        // Only F3 89 9A C2 marks an aggregate; a record differing in the last magic byte is plain data.
        byte[] almostMagic = hex("F3899AE2 00112233445566778899AABBCCDDEEFF 00");

        List<Decoded> decoded = decoder.decode(new KinesisRecordIn(SEQ, "outer", ARRIVAL, almostMagic));

        assertEquals(1, decoded.size());
        assertArrayEquals(almostMagic, assertInstanceOf(UserRecord.class, decoded.get(0)).data());
    }
}
