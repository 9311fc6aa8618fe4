package dev.shardhouse.decode;

import static dev.shardhouse.decode.DecodedAssertions.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Wire-format edge cases, on hand-encoded bytes. */
class ProtobufReaderTest {

    @Test
    void readsVarintsOfEveryLength() throws DecodeException {
        ProtobufReader reader = reader("00" + "7F" + "9601" + "FFFFFFFFFFFFFFFF7F" + "FFFFFFFFFFFFFFFFFF01");

        assertEquals(0, reader.readVarint());
        assertEquals(127, reader.readVarint());
        assertEquals(150, reader.readVarint());
        assertEquals(Long.MAX_VALUE, reader.readVarint());
        assertEquals(-1L, reader.readVarint(), "2^64 - 1 as an unsigned long");
        assertFalse(reader.hasMore());
    }

    @Test
    void refusesAVarintLongerThanTenBytes() {
        assertMalformed("FFFFFFFFFFFFFFFFFFFF01", ProtobufReader::readVarint, "varint longer than 10 bytes");
    }

    @Test
    void refusesATruncatedVarint() {
        assertMalformed("9696", ProtobufReader::readVarint, "truncated varint");
    }

    @Test
    void readsTagsAsFieldNumberAndWireType() throws DecodeException {
        int tag = reader("A206").readTag(); // field 100, length-delimited

        assertEquals(100, ProtobufReader.fieldNumber(tag));
        assertEquals(ProtobufReader.LENGTH_DELIMITED, ProtobufReader.wireType(tag));
    }

    @Test
    void refusesFieldNumberZeroAndUndefinedWireTypes() {
        assertMalformed("02", ProtobufReader::readTag, "invalid field tag 2");
        assertMalformed("0E", ProtobufReader::readTag, "invalid wire type 6 for field 1");
        assertMalformed("0F", ProtobufReader::readTag, "invalid wire type 7 for field 1");
    }

    @Test
    void dropsVarintBitsAbove32InTagsAndLengthsAsProtobufJavaDoes() throws DecodeException {
        // Found writing RecordDecoderFuzzTest's protobuf-java oracle: tag 0A and length 1, each with bit 35 set.
        ProtobufReader reader = reader("8A80808010" + "8180808010" + "6B");

        assertEquals(1, ProtobufReader.fieldNumber(reader.readTag()));
        assertEquals("k", reader.readString());
    }

    @Test
    void readsStringsAsUtf8() throws DecodeException {
        assertEquals("Zoë", reader("045A6FC3AB").readString());
    }

    @Test
    void refusesALengthBeyondTheMessage() {
        assertMalformed("05616263", ProtobufReader::readString, "field length 5 exceeds the remaining 3 bytes");
    }

    @Test
    void refusesALengthThatOverflowsAnInt() {
        assertMalformed("FFFFFFFF0F", ProtobufReader::readLength,
                "field length 4294967295 exceeds the remaining 0 bytes");
    }

    @Test
    void skipsEveryWireTypeIncludingNestedGroups() throws DecodeException {
        // varint 150; fixed64; length-delimited "abc"; group 1 { varint, group 2 { fixed32 } }; fixed32; then 08 2A.
        ProtobufReader reader = reader("089601" + "090102030405060708" + "0A03616263"
                + "0B 0801 13 1501020304 14 0C" + "0D01020304" + "082A");

        for (int i = 0; i < 5; i++) {
            reader.skipField(reader.readTag());
        }

        assertEquals(1, ProtobufReader.fieldNumber(reader.readTag()));
        assertEquals(42, reader.readVarint());
        assertFalse(reader.hasMore());
    }

    @Test
    void refusesAGroupClosedByAnotherField() {
        assertMalformed("0B 14", r -> r.skipField(r.readTag()), "group 1 closed by end of group 2");
    }

    @Test
    void refusesAnUnterminatedGroup() {
        assertMalformed("0B 0801", r -> r.skipField(r.readTag()), "unterminated group 1");
    }

    @Test
    void refusesAStrayEndOfGroup() {
        assertMalformed("0C", r -> r.skipField(r.readTag()), "unexpected end of group 1");
    }

    @Test
    void refusesATruncatedFixedWidthField() {
        assertMalformed("09010203", r -> r.skipField(r.readTag()), "truncated fixed-width field");
        assertMalformed("0D0102", r -> r.skipField(r.readTag()), "truncated fixed-width field");
    }

    @Test
    void refusesGroupsNestedDeeperThanTheLimit() {
        assertMalformed("0B".repeat(101), r -> r.skipField(r.readTag()), "groups nested deeper than 100 levels");
    }

    @Test
    void readsOnlyItsOwnSliceOfTheBuffer() throws DecodeException {
        byte[] buffer = hex("FF 0801 FF");
        ProtobufReader reader = new ProtobufReader(buffer, 1, 2);

        assertEquals(1, ProtobufReader.fieldNumber(reader.readTag()));
        assertEquals(1, reader.readVarint());
        assertFalse(reader.hasMore());
    }

    private static ProtobufReader reader(String hex) {
        byte[] bytes = hex(hex);
        return new ProtobufReader(bytes, 0, bytes.length);
    }

    private interface Read {
        void apply(ProtobufReader reader) throws DecodeException;
    }

    private static void assertMalformed(String hex, Read read, String problem) {
        DecodeException e = assertThrows(DecodeException.class, () -> read.apply(reader(hex)));
        assertEquals("malformed protobuf: " + problem, e.getMessage());
    }
}
