package dev.shardhouse.local.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;

/**
 * One proxied connection: the client's socket and the one to the server, each direction pumped by a thread of its
 * own. A subclass decides what each direction does with what it reads.
 */
abstract class Link {

    private final Socket client;
    private final Socket server;
    private final Partition partition;
    private final long generation;
    private volatile boolean reset;
    private volatile boolean clientCut;

    Link(Socket client, Socket server, Partition partition) {
        this.client = client;
        this.server = server;
        this.partition = partition;
        this.generation = partition.generation();
    }

    /** Pumps client → server; returns when that direction ends. */
    abstract void toServer(InputStream fromClient, OutputStream toServer) throws IOException, InterruptedException;

    /** Pumps server → client; returns when that direction ends. */
    abstract void toClient(InputStream fromServer, OutputStream toClient) throws IOException, InterruptedException;

    final void pumpToServer() {
        pump(() -> toServer(client.getInputStream(), server.getOutputStream()), server);
    }

    final void pumpToClient() {
        pump(() -> toClient(server.getInputStream(), client.getOutputStream()), client);
    }

    private interface Direction {
        void run() throws IOException, InterruptedException;
    }

    /** Runs a direction; when its source ends cleanly, half-closes the destination as a router would pass a FIN. */
    private void pump(Direction direction, Socket destination) {
        try {
            direction.run();
            if (!reset && !destination.isClosed()) {
                destination.shutdownOutput();
            }
        } catch (IOException | InterruptedException e) {
            // The other side went away, or this link was reset: both directions end.
            reset();
        }
    }

    /**
     * Waits out a partition before anything is forwarded; a link that lived through one is reset (its peers would
     * have given up on it).
     */
    final void passPartition() throws InterruptedException, IOException {
        partition.awaitOver();
        if (partition.generation() != generation) {
            reset();
            throw new SocketException("connection lost in a partition");
        }
    }

    /** Writes {@code length} bytes on, past the partition, at most {@code bytesPerSecond} (0: unlimited). */
    final void forward(OutputStream out, byte[] bytes, int offset, int length, int bytesPerSecond)
            throws IOException, InterruptedException {
        passPartition();
        if (bytesPerSecond <= 0) {
            out.write(bytes, offset, length);
        } else {
            // Slices of a twentieth of a second's worth, each followed by its share of the second.
            int slice = Math.max(1, bytesPerSecond / 20);
            for (int at = offset; at < offset + length; at += slice) {
                int size = Math.min(slice, offset + length - at);
                out.write(bytes, at, size);
                out.flush();
                Thread.sleep(Math.max(1, size * 1000L / bytesPerSecond));
            }
        }
        out.flush();
    }

    Socket client() {
        return client;
    }

    Socket server() {
        return server;
    }

    /** Resets both connections (RST, not FIN): the peers see the connection broken, not ended. */
    final void reset() {
        reset = true;
        abort(client);
        abort(server);
    }

    boolean wasReset() {
        return reset;
    }

    /**
     * Resets the client's connection only; the server's is left to end with a FIN once its direction returns. The
     * local engine (chDB 26.7's server) aborts its whole process, now and then, when a reset reaches it while it reads
     * a request body (std::terminate on NETWORK_ERROR, seen in CI); ClickHouse's own server does not. What the client
     * sees is the same either way: its connection broken mid-request.
     */
    final void cutClient() {
        clientCut = true;
        abort(client);
    }

    boolean clientWasCut() {
        return clientCut;
    }

    private static void abort(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException alreadyClosed) {
            // closing below is all that is left
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // a reset socket has nothing left to release
        }
    }
}
