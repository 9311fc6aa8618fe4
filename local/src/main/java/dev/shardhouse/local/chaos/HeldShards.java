package dev.shardhouse.local.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The shards of one pipeline that its function reports held, read from the function's log lines as an operator reads
 * them in CloudWatch: {@code batch_failed} lines of the pipeline's metrics namespace, not marked transient, whose error
 * is the refusal of a pending claim that cannot be proven unstored, which asks for the table to accept the claim's rows
 * ({@code ReplayMismatchException}). Such a shard waits for someone by design, and the mapping's retries meet the
 * refusal again and again; a shard counts as held once it was refused {@code refusalsBeforeHeld} times, so that one
 * line alone, which a concurrent attempt could still settle, is not acted on.
 *
 * <p>Pure: fed lines, asked which shard is held. Lines come from the function's threads, so both are synchronized.
 */
final class HeldShards {

    /** The function's words, in the refusal's message, for what it needs from an operator. */
    static final String REFUSAL = "let the table accept these rows";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final int refusalsBeforeHeld;
    /** Refusals logged per shard, in the order the shards were first refused. */
    private final Map<String, Integer> refusals = new LinkedHashMap<>();

    /** A held shard and how many of its batches were refused so far. */
    record Held(String shard, int refusals) {
    }

    /**
     * @param namespace          the pipeline's metrics namespace, which its function's EMF lines carry: how its
     *                           lines are told from another pipeline's on the same stream (same shard ids)
     * @param refusalsBeforeHeld refusals of a shard before it counts as held
     */
    HeldShards(String namespace, int refusalsBeforeHeld) {
        if (refusalsBeforeHeld < 1) {
            throw new IllegalArgumentException("refusals before a shard is held must be at least 1");
        }
        this.namespace = namespace;
        this.refusalsBeforeHeld = refusalsBeforeHeld;
    }

    /** One line of the function's output; any line may come, and none throws. */
    synchronized void accept(String line) {
        // Most lines are batch lines: parse only the few that can matter.
        if (!line.startsWith("{") || !line.contains("batch_failed") || !line.contains(REFUSAL)) {
            return;
        }
        JsonNode event = parse(line);
        if (event != null && event.path("event").asText().equals("batch_failed")
                && namespace.equals(event.path("_aws").path("CloudWatchMetrics").path(0).path("Namespace").asText())
                && !event.path("transient").asBoolean(true)
                && event.path("errorMessage").asText().contains(REFUSAL)
                && !event.path("shard").asText().isEmpty()) {
            refusals.merge(event.path("shard").asText(), 1, Integer::sum);
        }
    }

    /** The first shard refused often enough to count as held, with its refusals so far. */
    synchronized Optional<Held> held() {
        return refusals.entrySet().stream().filter(shard -> shard.getValue() >= refusalsBeforeHeld).findFirst()
                .map(shard -> new Held(shard.getKey(), shard.getValue()));
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
