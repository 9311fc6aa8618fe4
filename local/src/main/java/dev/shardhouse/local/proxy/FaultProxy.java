package dev.shardhouse.local.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault-injecting TCP proxy on the loopback interface, in front of a local service: ClickHouse's HTTP interface
 * (faults per request, {@link RequestFaults}) or its keeper (a session expiring mid-write, {@link KeeperFaults}), and
 * for either a partition of the whole link. Loopback only: it listens on 127.0.0.1 and connects to 127.0.0.1.
 */
public final class FaultProxy implements AutoCloseable {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final ServerSocket listener;
    private final int upstreamPort;
    private final LinkMaker links;
    private final Partition partition = new Partition();
    private final Set<Link> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger partitions = new AtomicInteger();
    private final ExecutorService threads;

    @FunctionalInterface
    private interface LinkMaker {
        Link make(Socket client, Socket server, Partition partition, FaultProxy proxy);
    }

    private FaultProxy(int port, int upstreamPort, String name, LinkMaker links) {
        this.upstreamPort = upstreamPort;
        this.links = links;
        AtomicInteger threadNumber = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name + "-proxy-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            this.listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(LOOPBACK, port));
        } catch (IOException e) {
            threads.shutdownNow();
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " for the " + name + " proxy", e);
        }
        threads.execute(this::accept);
    }

    /** A proxy for ClickHouse's HTTP interface on {@code port} (0: any free one), faults chosen per request. */
    public static FaultProxy http(int port, int upstreamPort, RequestFaults faults) {
        return new FaultProxy(port, upstreamPort, "http",
                (client, server, partition, proxy) -> new HttpLink(client, server, partition, faults));
    }

    /** A proxy for the keeper (ZooKeeper protocol) on {@code port} (0: any free one). */
    public static FaultProxy keeper(int port, int upstreamPort, KeeperFaults faults) {
        return new FaultProxy(port, upstreamPort, "keeper",
                (client, server, partition, proxy) -> new KeeperLink(client, server, partition, faults,
                        () -> proxy.partition(faults.cut())));
    }

    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Cuts the link for {@code length}: nothing is forwarded either way, new connections are held, and every
     * connection that lived through it is reset when it ends.
     */
    public void partition(Duration length) {
        partitions.incrementAndGet();
        partition.start(length);
        threads.execute(() -> {
            try {
                partition.awaitOver();
                open.forEach(Link::reset);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Partitions started so far (those of a keeper session expiry included). */
    public int partitions() {
        return partitions.get();
    }

    public boolean partitioned() {
        return partition.active();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            threads.execute(() -> connect(client));
        }
    }

    /** Connects a new client to the service (after any partition in progress, which such a connection does not outlive). */
    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            server.connect(new InetSocketAddress(LOOPBACK, upstreamPort));
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        Link link = links.make(client, server, partition, this);
        open.add(link);
        threads.execute(() -> {
            link.pumpToClient();
            open.remove(link);
        });
        link.pumpToServer();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        open.forEach(Link::reset);
        threads.shutdownNow();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (SocketException ignored) {
            // already closed
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
