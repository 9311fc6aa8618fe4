package dev.shardhouse.map.rowbinary;

import static dev.shardhouse.map.rowbinary.Encode.json;
import static dev.shardhouse.map.rowbinary.Encode.jsonError;
import static dev.shardhouse.map.rowbinary.Encode.text;
import static dev.shardhouse.map.rowbinary.Encode.textError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** String, FixedString, UUID, IPv4, IPv6 and Enum, against the examples of ClickHouse's RowBinary spec. */
class TextAndIdentifierEncodingTest {

    @Test
    void stringIsLengthThenUtf8() {
        assertEquals("06 66 6f 6f 62 61 72", json("String", "\"foobar\""));
        assertEquals("06 66 6f 6f 62 61 72", text("String", "foobar"));
        assertEquals("00", text("String", ""));
    }

    @Test
    void nulCharacterInJsonIsData() {
        assertEquals("03 61 00 62", json("String", "\"a\\u0000b\""));
    }

    @Test
    void nonStringJsonIsKeptAsJsonText() {
        // {"a":[1,true]} is 14 bytes
        assertEquals("0e 7b 22 61 22 3a 5b 31 2c 74 72 75 65 5d 7d", json("String", "{\"a\": [1, true]}"));
        // the number keeps its written digits: 1.50
        assertEquals("04 31 2e 35 30", json("String", "1.50"));
        assertEquals("04 74 72 75 65", json("String", "true"));
    }

    @Test
    void unpairedSurrogateEscapeIsRejected() {
        assertEquals("text has an unpaired UTF-16 surrogate at character 1, which is not valid Unicode: 'x\uD800'",
                jsonError("String", "\"x\\ud800\""));
    }

    @Test
    void fixedStringIsPaddedWithZeros() {
        assertEquals("68 69 00", text("FixedString(3)", "hi"));
        assertEquals("62 61 72", text("FixedString(3)", "bar"));
        assertEquals("00 00 00", text("FixedString(3)", ""));
        assertEquals("'toolong' is 7 bytes in UTF-8, longer than FixedString(3)", textError("FixedString(3)", "toolong"));
        assertEquals("'éé' is 4 bytes in UTF-8, longer than FixedString(3)", jsonError("FixedString(3)", "\"éé\""));
    }

    @Test
    void uuidIsTwoLittleEndianHalves() {
        assertEquals("e7 11 b3 5c 04 c4 f0 61 a0 db d3 6a 00 a6 7b 90",
                text("UUID", "61f0c404-5cb3-11e7-907b-a6006ad3dba0"));
        assertEquals("e7 11 b3 5c 04 c4 f0 61 a0 db d3 6a 00 a6 7b 90",
                json("UUID", "\"61F0C404-5CB3-11E7-907B-A6006AD3DBA0\""));
        String expected = "expected a UUID like 61f0c404-5cb3-11e7-907b-a6006ad3dba0, got ";
        assertEquals(text("UUID", "61f0c404-5cb3-11e7-907b-a6006ad3dba0"), text("UUID", "61f0c4045cb311e7907ba6006ad3dba0"),
                "32 hex digits without hyphens, as ClickHouse reads them");
        assertEquals(expected + "'61f0c4045cb311e7907ba6006ad3dba'", textError("UUID", "61f0c4045cb311e7907ba6006ad3dba"));
        assertEquals(expected + "'1-1-1-1-1'", textError("UUID", "1-1-1-1-1"));
        assertEquals(expected + "'61f0c404-5cb3-11e7-907b-a6006ad3dbag'",
                textError("UUID", "61f0c404-5cb3-11e7-907b-a6006ad3dbag"));
    }

    @Test
    void ipv4IsLittleEndianUInt32() {
        assertEquals("00 00 00 00", text("IPv4", "0.0.0.0"));
        assertEquals("01 00 00 7f", text("IPv4", "127.0.0.1"));
        assertEquals("01 00 a8 c0", text("IPv4", "192.168.0.1"));
        assertEquals("ff ff ff ff", text("IPv4", "255.255.255.255"));
        assertEquals("cc e2 d4 a8", json("IPv4", "\"168.212.226.204\""));
        String expected = "expected an IPv4 address like 192.168.0.1, got ";
        assertEquals(expected + "'256.0.0.1'", textError("IPv4", "256.0.0.1"));
        assertEquals(expected + "'1.2.3'", textError("IPv4", "1.2.3"));
        assertEquals(expected + "'localhost'", textError("IPv4", "localhost"));
    }

    @Test
    void ipv6IsSixteenBytesInNetworkOrder() {
        assertEquals("2a 02 aa 08 e0 00 31 00 00 00 00 00 00 00 00 02", text("IPv6", "2a02:aa08:e000:3100::2"));
        assertEquals("20 01 44 c8 01 29 26 32 00 33 00 00 02 52 00 02", text("IPv6", "2001:44c8:129:2632:33:0:252:2"));
        assertEquals("2a 02 e9 80 00 1e 00 00 00 00 00 00 00 00 00 01", text("IPv6", "2a02:e980:1e::1"));
        assertEquals("00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", text("IPv6", "::"));
        assertEquals("00 00 00 00 00 00 00 00 00 00 ff ff 01 02 03 04", text("IPv6", "::ffff:1.2.3.4"));
        assertEquals("00 00 00 00 00 00 00 00 00 00 ff ff 01 02 03 04", text("IPv6", "1.2.3.4"), "IPv4-mapped");
        String expected = "expected an IPv6 or IPv4 address like 2001:db8::1, got ";
        assertEquals(expected + "'1::2::3'", textError("IPv6", "1::2::3"));
        assertEquals(expected + "'1:2:3:4:5:6:7'", textError("IPv6", "1:2:3:4:5:6:7"));
        assertEquals(expected + "'1:2:3:4:5:6:7:8::'", textError("IPv6", "1:2:3:4:5:6:7:8::"));
        assertEquals(expected + "'12345::'", textError("IPv6", "12345::"));
        assertEquals(expected + "'example.com'", textError("IPv6", "example.com"));
        assertEquals(expected + "'fe80::1%eth0'", textError("IPv6", "fe80::1%eth0"));
    }

    @Test
    void enumsTakeNamesOrNumbers() {
        String type = "Enum8('hello' = 1, 'world' = 2)";
        assertEquals("02", text(type, "world"));
        assertEquals("01", json(type, "\"hello\""));
        assertEquals("01", json(type, "1"));
        assertEquals("02", text(type, "2"));
        assertEquals("expected one of the names or numbers of Enum8('hello' = 1, 'world' = 2), got '3'",
                textError(type, "3"));
        assertEquals("expected one of the names or numbers of Enum8('hello' = 1, 'world' = 2), got 3",
                jsonError(type, "3"));
    }

    @Test
    void enum16IsInt16AndNamesMayHoldEscapedQuotes() {
        assertEquals("18 fc", text("Enum16('a' = -1000, 'b' = 1000)", "a"));
        assertEquals("05", text("Enum8('it\\'s' = 5, 'x = y' = 6)", "it's"));
        assertEquals("06", text("Enum8('it\\'s' = 5, 'x = y' = 6)", "x = y"));
    }
}
