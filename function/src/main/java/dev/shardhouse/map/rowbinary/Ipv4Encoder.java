package dev.shardhouse.map.rowbinary;

/** {@code IPv4}: a dotted quad, written as a little-endian UInt32 (so 127.0.0.1 is 01 00 00 7F). */
final class Ipv4Encoder extends ScalarEncoder {

    static final Ipv4Encoder INSTANCE = new Ipv4Encoder();

    private Ipv4Encoder() {
    }

    @Override
    String expectation() {
        return "an IPv4 address like 192.168.0.1";
    }

    @Override
    public void writeText(String text, RowBuffer out) {
        Long address = IpAddresses.parseIpv4(text);
        if (address == null) {
            throw InvalidValueException.expected(expectation(), ShownValue.text(text));
        }
        out.writeIntLE(address.intValue());
    }

    @Override
    public void writeDefault(RowBuffer out) {
        out.writeZeros(Integer.BYTES);
    }
}
