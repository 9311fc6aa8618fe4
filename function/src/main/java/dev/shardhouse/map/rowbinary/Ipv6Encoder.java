package dev.shardhouse.map.rowbinary;

/** {@code IPv6}: 16 bytes in network order; an IPv4 address is stored IPv4-mapped. */
final class Ipv6Encoder extends ScalarEncoder {

    static final Ipv6Encoder INSTANCE = new Ipv6Encoder();

    private Ipv6Encoder() {
    }

    @Override
    String expectation() {
        return "an IPv6 or IPv4 address like 2001:db8::1";
    }

    @Override
    public void writeText(String text, RowBuffer out) {
        byte[] address = IpAddresses.parseIpv6(text);
        if (address == null) {
            throw InvalidValueException.expected(expectation(), ShownValue.text(text));
        }
        out.writeBytes(address);
    }

    @Override
    public void writeDefault(RowBuffer out) {
        out.writeZeros(16);
    }
}
