package dev.shardhouse.map.rowbinary;

/**
 * Parses IP address literals without touching DNS ({@code InetAddress.getByName} would resolve a host name).
 */
final class IpAddresses {

    private IpAddresses() {
    }

    /** A dotted-quad IPv4 address as its 32-bit value, or null if the text is not one. */
    static Long parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return null;
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    /**
     * An IPv6 address as its 16 bytes in network order, or null if the text is not one. Accepts {@code ::}
     * compression and a dotted-quad tail; a plain IPv4 address becomes its IPv4-mapped form {@code ::ffff:a.b.c.d},
     * as ClickHouse stores it.
     */
    static byte[] parseIpv6(String text) {
        Long ipv4 = parseIpv4(text);
        if (ipv4 != null) {
            return mapped(ipv4);
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = gap < 0 ? groups(text) : groups(text.substring(0, gap));
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2));
        if (head == null || tail == null) {
            return null;
        }
        int total = head.length + tail.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] address = new byte[16];
        for (int i = 0; i < head.length; i++) {
            putGroup(address, i, head[i]);
        }
        for (int i = 0; i < tail.length; i++) {
            putGroup(address, 8 - tail.length + i, tail[i]);
        }
        return address;
    }

    /** Colon-separated 16-bit groups, the last of which may be a dotted quad (two groups); null if malformed. */
    private static int[] groups(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        String last = parts[parts.length - 1];
        Long tailIpv4 = last.contains(".") ? parseIpv4(last) : null;
        if (last.contains(".") && tailIpv4 == null) {
            return null;
        }
        int count = tailIpv4 == null ? parts.length : parts.length + 1;
        int[] groups = new int[count];
        int hexParts = tailIpv4 == null ? parts.length : parts.length - 1;
        for (int i = 0; i < hexParts; i++) {
            String part = parts[i];
            boolean hex = part.chars().allMatch(c -> c < 128 && Character.digit(c, 16) >= 0);
            if (part.isEmpty() || part.length() > 4 || !hex) {
                return null;
            }
            groups[i] = Integer.parseInt(part, 16);
        }
        if (tailIpv4 != null) {
            groups[count - 2] = (int) (tailIpv4 >>> 16);
            groups[count - 1] = (int) (tailIpv4 & 0xFFFF);
        }
        return groups;
    }

    private static void putGroup(byte[] address, int index, int group) {
        address[index * 2] = (byte) (group >>> 8);
        address[index * 2 + 1] = (byte) group;
    }

    private static byte[] mapped(long ipv4) {
        byte[] address = new byte[16];
        address[10] = (byte) 0xFF;
        address[11] = (byte) 0xFF;
        for (int i = 0; i < 4; i++) {
            address[12 + i] = (byte) (ipv4 >>> (24 - 8 * i));
        }
        return address;
    }
}
