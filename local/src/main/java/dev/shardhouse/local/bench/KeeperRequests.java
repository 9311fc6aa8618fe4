package dev.shardhouse.local.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The local ZooKeeper's count of requests received ({@code zk_packets_received} of its {@code mntr} command): the
 * difference across a run is the keeper traffic ClickHouse's KeeperMap statements made during it, reads and writes.
 */
final class KeeperRequests {

    private final String host;
    private final int port;

    /** @param connect {@code host:port}, as {@code bin/local-stack env} exports it in ZOOKEEPER_CONNECT */
    KeeperRequests(String connect) {
        int colon = connect.lastIndexOf(':');
        this.host = connect.substring(0, colon);
        this.port = Integer.parseInt(connect.substring(colon + 1));
    }

    long received() {
        try (Socket socket = new Socket(host, port)) {
            OutputStream out = socket.getOutputStream();
            out.write("mntr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] field = line.split("\t");
                if (field.length == 2 && field[0].equals("zk_packets_received")) {
                    return Long.parseLong(field[1].trim());
                }
            }
            throw new IllegalStateException("ZooKeeper at " + host + ":" + port + " answered mntr without"
                    + " zk_packets_received (is mntr whitelisted?)");
        } catch (IOException e) {
            throw new IllegalStateException("cannot ask ZooKeeper at " + host + ":" + port + " for its counters", e);
        }
    }
}
