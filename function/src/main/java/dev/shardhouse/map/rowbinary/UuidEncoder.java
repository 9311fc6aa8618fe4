package dev.shardhouse.map.rowbinary;

/**
 * {@code UUID}: the canonical 8-4-4-4-12 hex text, or its 32 hex digits without hyphens (as ClickHouse reads them),
 * written as two little-endian UInt64 halves (the first eight
 * bytes reversed, then the last eight reversed).
 */
final class UuidEncoder extends ScalarEncoder {

    static final UuidEncoder INSTANCE = new UuidEncoder();

    private UuidEncoder() {
    }

    @Override
    String expectation() {
        return "a UUID like 61f0c404-5cb3-11e7-907b-a6006ad3dba0";
    }

    @Override
    public void writeText(String text, RowBuffer out) {
        if (!isCanonical(text) && !isHex(text)) {
            throw InvalidValueException.expected(expectation(), ShownValue.text(text));
        }
        String hex = text.replace("-", "");
        out.writeLongLE(Long.parseUnsignedLong(hex, 0, 16, 16));
        out.writeLongLE(Long.parseUnsignedLong(hex, 16, 32, 16));
    }

    private static boolean isHex(String text) {
        return text.length() == 32 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c <= 'f');
    }

    private static boolean isCanonical(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0 || c > 'f') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void writeDefault(RowBuffer out) {
        out.writeZeros(16);
    }
}
