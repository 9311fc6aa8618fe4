package dev.shardhouse.map;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Expected bytes written out by hand in tests: {@code Hex.bytes("01 2a 00")}. */
public final class Hex {

    private Hex() {
    }

    /** Hex byte pairs, whitespace ignored. */
    public static byte[] bytes(String hex) {
        String digits = hex.replaceAll("\\s+", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + hex);
        }
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    /** Concatenates parts: a String is hex, a byte[] is taken as-is. */
    public static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] raw ? raw : bytes((String) part));
        }
        return out.toByteArray();
    }

    /** A RowBinary String by hand: one-byte length (values under 128 bytes) then the UTF-8 bytes. */
    public static byte[] shortString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 127) {
            throw new IllegalArgumentException("only for strings under 128 bytes");
        }
        return concat(new byte[] {(byte) utf8.length}, utf8);
    }

    /** Hex of bytes, for readable assertion failures. */
    public static String of(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x ", b));
        }
        return out.toString().trim();
    }
}
