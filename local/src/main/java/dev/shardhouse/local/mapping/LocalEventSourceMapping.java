package dev.shardhouse.local.mapping;

import dev.shardhouse.local.runtime.FunctionInvoker;
import dev.shardhouse.local.runtime.KillableInvoker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A Kinesis event source mapping running on this machine: what Lambda does between a stream and a function,
 * at-least-once like the real one. Every shard is read by its own worker ({@link ShardWorker}); a coordinator lists
 * the shards (at start, whenever a shard is drained, and every few seconds) and starts a shard once its parents are
 * drained ({@link ShardLineage}). Shards present at start begin at the mapping's starting position; shards born
 * from a later reshard begin at TRIM_HORIZON (with AT_TIMESTAMP every shard begins at the timestamp).
 *
 * <p>Checkpoints are kept in memory only: a new mapping starts over from its starting position, which is one more
 * way records get delivered twice.
 */
public final class LocalEventSourceMapping implements AutoCloseable {

    private static final Duration RELIST_INTERVAL = Duration.ofSeconds(5);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final KinesisClient kinesis;
    private final String streamName;
    private final MappingSettings settings;
    private final Chaos chaos;
    private final FunctionInvoker invoker;
    private final Clock clock;
    private final MappingStats stats = new MappingStats();
    private final List<DiscardedBatch> onFailureDestination = new CopyOnWriteArrayList<>();
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final Set<String> initialShards = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "local-esm-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final Object relistSignal = new Object();
    private boolean relistRequested;
    private EventSource source;
    private volatile boolean running;

    public LocalEventSourceMapping(KinesisClient kinesis, String streamName, MappingSettings settings, Chaos chaos,
                                   FunctionInvoker invoker) {
        this(kinesis, streamName, settings, chaos, invoker, Clock.systemUTC());
    }

    /** With the clock that record ages are measured by. */
    LocalEventSourceMapping(KinesisClient kinesis, String streamName, MappingSettings settings, Chaos chaos,
                            FunctionInvoker invoker, Clock clock) {
        this.kinesis = Objects.requireNonNull(kinesis, "kinesis");
        this.streamName = Objects.requireNonNull(streamName, "streamName");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.chaos = Objects.requireNonNull(chaos, "chaos");
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (chaos.kills() && !(invoker instanceof KillableInvoker)) {
            throw new IllegalArgumentException("chaos killDuringInvocation needs an invoker that runs the function in a"
                    + " process it can kill (RuntimeInvoker), not " + invoker.getClass().getSimpleName());
        }
    }

    /** Starts reading: the shards present now are listed before this returns. */
    public synchronized void start() {
        if (running) {
            throw new IllegalStateException("the mapping of " + streamName + " is running already");
        }
        String streamArn = kinesis.describeStreamSummary(r -> r.streamName(streamName)).streamDescriptionSummary().streamARN();
        source = EventSource.of(streamArn, kinesis.serviceClientConfiguration().region().id());
        List<Shard> shards = StreamShards.list(kinesis, streamName);
        for (Shard shard : shards) {
            initialShards.add(shard.shardId());
            if (settings.startingPosition() == StartingPosition.LATEST && ShardLineage.closed(shard)) {
                // LATEST reads what is added from now on: closed shards will never get any.
                started.add(shard.shardId());
                finished.add(shard.shardId());
            }
        }
        running = true;
        startReadyShards(shards);
        threads.execute(this::coordinate);
    }

    public MappingReport report() {
        return stats.snapshot(started.size() - finished.size(), finished.size());
    }

    /** The metadata of every batch given up on, as Lambda sends it to an on-failure destination. */
    public List<DiscardedBatch> discardedBatches() {
        return List.copyOf(onFailureDestination);
    }

    /**
     * Stops reading and invoking; an invocation in progress is abandoned, its batch never committed. The invoker
     * stays open: whoever made it closes it.
     */
    @Override
    public void close() {
        running = false;
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the mapping of " + streamName + " did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void coordinate() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                synchronized (relistSignal) {
                    if (!relistRequested) {
                        relistSignal.wait(RELIST_INTERVAL.toMillis());
                    }
                    relistRequested = false;
                }
                startReadyShards(StreamShards.list(kinesis, streamName));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Kinesis unreachable for a moment: the next round lists again.
                stats.readErrors.incrementAndGet();
                stats.error("listing the shards of " + streamName + ": " + e.getMessage());
            }
        }
    }

    private synchronized void startReadyShards(List<Shard> shards) {
        for (Shard shard : ShardLineage.ready(shards, started, finished)) {
            if (!running) {
                return;
            }
            String shardId = shard.shardId();
            started.add(shardId);
            ShardReader reader = new ShardReader(kinesis, streamName, shardId, startOf(shardId), stats);
            reader.open();
            threads.execute(new ShardWorker(shardId, reader, source, settings, chaos, invoker, threads, stats,
                    onFailureDestination::add, () -> drained(shardId), clock));
        }
    }

    private void drained(String shardId) {
        finished.add(shardId);
        synchronized (relistSignal) {
            relistRequested = true;
            relistSignal.notifyAll();
        }
    }

    private ShardReader.Start startOf(String shardId) {
        if (settings.startingPosition() == StartingPosition.AT_TIMESTAMP) {
            return ShardReader.Start.of(StartingPosition.AT_TIMESTAMP, settings.startingTimestamp());
        }
        return initialShards.contains(shardId)
                ? ShardReader.Start.of(settings.startingPosition(), null)
                : ShardReader.Start.of(StartingPosition.TRIM_HORIZON, null);
    }
}
