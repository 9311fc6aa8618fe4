package dev.shardhouse.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API of one execution environment, served on loopback for a runtime process
 * ({@code AWS_LAMBDA_RUNTIME_API=127.0.0.1:<port>}): the runtime long-polls {@code GET invocation/next} for an
 * event and posts its outcome to {@code invocation/{id}/response} or {@code invocation/{id}/error};
 * {@code init/error} reports a function that could not even start. Each runtime process gets a fresh instance, so
 * a dead process can never take an invocation meant for its successor.
 */
final class LocalRuntimeApi implements AutoCloseable {

    /** An event for the runtime, with what the Runtime API's headers tell it; its deadline is set when it is taken. */
    record Invocation(String requestId, byte[] event, Duration timeout, String functionArn, String traceId) {
    }

    /**
     * A submitted invocation: {@code taken} completes with the deadline (epoch millis) when the runtime takes it,
     * {@code result} with what the runtime reports.
     */
    record Pending(CompletableFuture<Long> taken, CompletableFuture<InvocationResult> result) {
    }

    private record Queued(Invocation invocation, CompletableFuture<Long> taken) {
    }

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Pattern OUTCOME = Pattern.compile(Pattern.quote(PREFIX) + "invocation/([^/]+)/(response|error)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ACCEPTED = "{\"status\":\"OK\"}".getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService requests;
    private final BlockingQueue<Queued> waiting = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<InvocationResult>> inFlight = new ConcurrentHashMap<>();
    private volatile InvocationResult.FunctionError initError;

    private LocalRuntimeApi(HttpServer server, ExecutorService requests) {
        this.server = server;
        this.requests = requests;
    }

    /** A server on a free loopback port. */
    static LocalRuntimeApi start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            // A runtime blocks in /next while it idles, so requests need threads of their own.
            ExecutorService requests = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "local-runtime-api");
                thread.setDaemon(true);
                return thread;
            });
            LocalRuntimeApi api = new LocalRuntimeApi(server, requests);
            server.createContext(PREFIX, api::handle);
            server.setExecutor(requests);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the local Runtime API on 127.0.0.1", e);
        }
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        InetSocketAddress address = server.getAddress();
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** Queues an invocation for the runtime. */
    Pending submit(Invocation invocation) {
        CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        inFlight.put(invocation.requestId(), result);
        result.whenComplete((value, error) -> inFlight.remove(invocation.requestId()));
        CompletableFuture<Long> taken = new CompletableFuture<>();
        waiting.add(new Queued(invocation, taken));
        return new Pending(taken, result);
    }

    /** What the runtime reported on {@code init/error}, if it did. */
    InvocationResult.FunctionError initError() {
        return initError;
    }

    @Override
    public void close() {
        server.stop(0);
        requests.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher outcome = OUTCOME.matcher(path);
            if (method.equals("GET") && path.equals(PREFIX + "invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && outcome.matches()) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                InvocationResult result = outcome.group(2).equals("response")
                        ? new InvocationResult.Response(body)
                        : functionError(exchange, body);
                CompletableFuture<InvocationResult> pending = inFlight.get(outcome.group(1));
                if (pending == null) {
                    respond(exchange, 400, error("InvalidRequestID", "no invocation " + outcome.group(1) + " is in progress"));
                } else {
                    pending.complete(result);
                    respond(exchange, 202, ACCEPTED);
                }
            } else if (method.equals("POST") && path.equals(PREFIX + "init/error")) {
                initError = functionError(exchange, exchange.getRequestBody().readAllBytes());
                respond(exchange, 202, ACCEPTED);
            } else {
                respond(exchange, 404, error("NotFound", method + " " + path + " is not part of the Runtime API"));
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Queued queued;
        try {
            queued = waiting.take();
        } catch (InterruptedException e) {
            // The environment is shutting down; the runtime goes with it.
            return;
        }
        Invocation invocation = queued.invocation();
        // As in Lambda, the function's time starts when it gets the event, not while its runtime initializes.
        long deadline = System.currentTimeMillis() + invocation.timeout().toMillis();
        queued.taken().complete(deadline);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", invocation.functionArn());
        exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id", invocation.traceId());
        respond(exchange, 200, invocation.event());
    }

    /** An error report: the runtime's {@code errorType}/{@code errorMessage} document, or its raw body. */
    private static InvocationResult.FunctionError functionError(HttpExchange exchange, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        String message = text;
        try {
            JsonNode document = JSON.readTree(text);
            if (document != null && document.isObject()) {
                type = document.path("errorType").asText(type);
                message = document.path("errorMessage").asText(text);
            }
        } catch (IOException notJson) {
            // Kept as the raw body.
        }
        return new InvocationResult.FunctionError(type == null || type.isEmpty() ? "Unhandled" : type, message);
    }

    private static byte[] error(String type, String message) {
        return JSON.createObjectNode().put("errorType", type).put("errorMessage", message).toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
