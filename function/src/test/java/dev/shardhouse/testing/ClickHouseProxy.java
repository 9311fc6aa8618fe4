package dev.shardhouse.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An HTTP proxy in front of the local ClickHouse through which a test orders, or answers itself, the statements of
 * the clients it points at it. Each request is known by its text: its decoded URL parameters, a line break, its body.
 * {@code before} sees it first (and may wait, to order clients): a reply it returns is sent instead, and the request
 * never reaches ClickHouse; {@code after} sees the text of every forwarded request once its response has gone back.
 */
public final class ClickHouseProxy implements AutoCloseable {

    /** A reply the proxy gives in place of ClickHouse's. */
    public record Reply(int status, Map<String, String> headers, String body) {

        /** An error as ClickHouse sends one: status 500, its code in {@code X-ClickHouse-Exception-Code}. */
        public static Reply error(int code, String text) {
            return new Reply(500, Map.of("X-ClickHouse-Exception-Code", Integer.toString(code),
                    "Content-Type", "text/plain; charset=UTF-8"), text);
        }
    }

    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "clickhouse-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI target;
    private final Function<String, Optional<Reply>> before;
    private final Consumer<String> after;

    public ClickHouseProxy(String targetUrl, Function<String, Optional<Reply>> before) throws IOException {
        this(targetUrl, before, text -> { });
    }

    public ClickHouseProxy(String targetUrl, Function<String, Optional<Reply>> before, Consumer<String> after)
            throws IOException {
        this.target = URI.create(targetUrl);
        this.before = before;
        this.after = after;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            String text = (rawQuery == null ? "" : URLDecoder.decode(rawQuery, StandardCharsets.UTF_8)) + "\n"
                    + new String(body, StandardCharsets.UTF_8);
            Optional<Reply> reply = before.apply(text);
            if (reply.isPresent()) {
                reply.get().headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                send(exchange, reply.get().status(), reply.get().body().getBytes(StandardCharsets.UTF_8));
                return;
            }
            forward(exchange, rawQuery, body);
            after.accept(text);
        }
    }

    private void forward(HttpExchange exchange, String rawQuery, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getRawPath()
                        + (rawQuery == null ? "" : "?" + rawQuery)))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase())) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        send(exchange, response.statusCode(), response.body());
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
