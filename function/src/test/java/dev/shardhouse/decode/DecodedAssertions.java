package dev.shardhouse.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Field-by-field checks of decoder output (records holding byte[] have no value equality). */
final class DecodedAssertions {

    private DecodedAssertions() {
    }

    static void assertUserRecord(Decoded actual, String position, String partitionKey, byte[] data) {
        UserRecord record = assertInstanceOf(UserRecord.class, actual);
        assertEquals(position, record.position().toString(), "position");
        assertEquals(partitionKey, record.partitionKey(), "partition key");
        assertArrayEquals(data, record.data(), "data");
    }

    static void assertUserRecord(Decoded actual, String position, String partitionKey, String data) {
        assertUserRecord(actual, position, partitionKey, utf8(data));
    }

    static void assertFailure(Decoded actual, String position, String partitionKey, byte[] raw, String reason) {
        DecodeFailure failure = assertInstanceOf(DecodeFailure.class, actual);
        assertEquals(position, failure.position().toString(), "position");
        assertEquals(partitionKey, failure.partitionKey(), "partition key");
        assertArrayEquals(raw, failure.raw(), "raw bytes");
        assertEquals(reason, failure.reason(), "reason");
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
