package dev.shardhouse.local.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.shardhouse.local.mapping.RecordingHandler.Delivery;
import dev.shardhouse.local.runtime.FunctionConfig;
import dev.shardhouse.local.runtime.InProcessInvoker;
import dev.shardhouse.local.runtime.RuntimeInvoker;
import dev.shardhouse.local.runtime.RuntimeLaunch;
import dev.shardhouse.local.runtime.ScriptedHandler;
import dev.shardhouse.testing.LocalServices;
import dev.shardhouse.testing.TestStreams.Put;
import dev.shardhouse.testing.TestStreams;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The local event source mapping against the local Kinesis (kinesis-mock), invoking a recording test handler. */
class LocalEventSourceMappingIT {

    private static final FunctionConfig FUNCTION = new FunctionConfig("local-esm-test", "in-process", Duration.ofSeconds(30),
            256, "us-east-1", Map.of());
    private static final String SHARD_0 = "shardId-000000000000";

    private final KinesisClient kinesis = LocalServices.kinesis();
    private final TestStreams streams = new TestStreams(kinesis);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        kinesis.close();
    }

    @Test
    void batchesHoldAtMostBatchSizeRecordsInShardOrder() throws Exception {
        String stream = stream("esm-batch", 1);
        List<String> puts = sequenceNumbers(put(stream, 25));
        RecordingHandler handler = new RecordingHandler(RecordingHandler.SUCCEED);

        LocalEventSourceMapping mapping = start(stream, MappingSettings.defaults().withBatchSize(10), Chaos.none(), handler);

        assertEquals(List.of(delivery(puts.subList(0, 10)), delivery(puts.subList(10, 20)), delivery(puts.subList(20, 25))),
                handler.awaitDeliveries(d -> d.size() >= 3));
        awaitReport(mapping, r -> r.recordsCommitted() == 25);
    }

    @Test
    void reportedItemFailuresResumeFromTheLowestSequenceNumber() throws Exception {
        String stream = stream("esm-partial", 1);
        List<String> puts = sequenceNumbers(put(stream, 10));
        RecordingHandler handler = new RecordingHandler((delivery, invocation) -> invocation > 0
                ? new StreamsEventResponse(List.of())
                : new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(puts.get(6)),
                        new StreamsEventResponse.BatchItemFailure(puts.get(3)))));

        LocalEventSourceMapping mapping = start(stream,
                MappingSettings.defaults().withBatchSize(10).withReportBatchItemFailures(true), Chaos.none(), handler);

        assertEquals(List.of(delivery(puts), delivery(puts.subList(3, 10))), handler.awaitDeliveries(d -> d.size() >= 2));
        MappingReport report = awaitReport(mapping, r -> r.recordsCommitted() == 10);
        assertEquals(1, report.partialFailures());
        assertEquals(1, report.retries());
    }

    @Test
    void aFailingBatchIsBisectedUntilTheBadRecordIsAloneAndDiscarded() throws Exception {
        String stream = stream("esm-bisect", 1);
        List<String> puts = sequenceNumbers(put(stream, 8));
        String bad = puts.get(5);
        RecordingHandler handler = new RecordingHandler((delivery, invocation) -> {
            if (delivery.sequenceNumbers().contains(bad)) {
                throw new IllegalStateException("record " + bad + " is bad");
            }
            return new StreamsEventResponse(List.of());
        });

        LocalEventSourceMapping mapping = start(stream, MappingSettings.defaults().withBatchSize(8)
                .withBisectBatchOnFunctionError(true).withMaximumRetryAttempts(0), Chaos.none(), handler);

        assertEquals(List.of(delivery(puts), delivery(puts.subList(0, 4)), delivery(puts.subList(4, 8)),
                        delivery(puts.subList(4, 6)), delivery(puts.subList(4, 5)), delivery(puts.subList(5, 6)),
                        delivery(puts.subList(6, 8))),
                handler.awaitDeliveries(d -> d.size() >= 7));
        MappingReport report = awaitReport(mapping, r -> r.recordsCommitted() == 7 && r.recordsDiscarded() == 1);
        assertEquals(3, report.bisections());
        assertEquals(4, report.functionErrors());
        DiscardedBatch discarded = mapping.discardedBatches().get(0);
        assertEquals(1, mapping.discardedBatches().size());
        assertEquals(List.of(DiscardedBatch.Condition.RETRY_ATTEMPTS_EXHAUSTED, SHARD_0, bad, bad, 1, 1),
                List.of(discarded.condition(), discarded.shardId(), discarded.startSequenceNumber(),
                        discarded.endSequenceNumber(), discarded.batchSize(), discarded.approximateInvokeCount()));
    }

    @Test
    void afterASplitTheParentIsDrainedBeforeItsChildrenStart() throws Exception {
        String stream = stream("esm-split", 1);
        List<Put> beforeSplit = put(stream, 40);
        // Slow enough that the parent still has records to deliver when the split happens.
        RecordingHandler handler = new RecordingHandler((delivery, invocation) -> {
            Thread.sleep(100);
            return new StreamsEventResponse(List.of());
        });
        LocalEventSourceMapping mapping = start(stream, MappingSettings.defaults().withBatchSize(5), Chaos.none(), handler);

        streams.splitInHalf(stream, SHARD_0);
        List<Put> afterSplit = put(stream, 40);

        List<Delivery> deliveries = handler.awaitDeliveries(d -> delivered(d).size() >= 80);
        int lastOfParent = lastIndexOf(deliveries, d -> d.shardId().equals(SHARD_0));
        int firstOfChild = deliveries.indexOf(deliveries.stream().filter(d -> !d.shardId().equals(SHARD_0)).findFirst().orElseThrow());
        assertTrue(lastOfParent < firstOfChild, "a child shard was read before its parent was drained: " + deliveries);
        assertEquals(sequenceNumbers(beforeSplit), deliveredFrom(deliveries, SHARD_0));
        for (String child : List.of("shardId-000000000001", "shardId-000000000002")) {
            assertEquals(sequenceNumbers(afterSplit.stream().filter(p -> p.shardId().equals(child)).toList()),
                    deliveredFrom(deliveries, child));
        }
        MappingReport report = awaitReport(mapping, r -> r.recordsCommitted() == 80);
        assertEquals(1, report.shardsFinished());
        assertEquals(2, report.shardsOpen());
    }

    @Test
    void recordsOlderThanTheMaximumAgeAreDiscardedAndReportedNotDelivered() throws Exception {
        String stream = stream("esm-age", 1);
        List<String> old = sequenceNumbers(put(stream, 10));
        RecordingHandler handler = new RecordingHandler(RecordingHandler.SUCCEED);
        OffsetClock clock = new OffsetClock();
        clock.setOffset(Duration.ofMinutes(2));

        LocalEventSourceMapping mapping = start(stream, MappingSettings.defaults().withMaximumRecordAgeSeconds(60),
                Chaos.none(), handler, clock);
        awaitReport(mapping, r -> r.recordsDiscarded() == 10);
        clock.setOffset(Duration.ZERO);
        List<String> fresh = sequenceNumbers(put(stream, 5));

        assertEquals(List.of(delivery(fresh)), handler.awaitDeliveries(d -> !d.isEmpty()));
        DiscardedBatch discarded = mapping.discardedBatches().get(0);
        assertEquals(1, mapping.discardedBatches().size());
        assertEquals(List.of(DiscardedBatch.Condition.RECORD_AGE_EXCEEDED, old.get(0), old.get(9), 10, 0),
                List.of(discarded.condition(), discarded.startSequenceNumber(), discarded.endSequenceNumber(),
                        discarded.batchSize(), discarded.approximateInvokeCount()));
    }

    @Test
    void latestDeliversOnlyWhatIsAddedAfterTheMappingStarted() throws Exception {
        String stream = stream("esm-latest", 1);
        put(stream, 5);
        RecordingHandler handler = new RecordingHandler(RecordingHandler.SUCCEED);

        start(stream, MappingSettings.defaults().withStartingPosition(StartingPosition.LATEST, null), Chaos.none(), handler);
        List<String> after = sequenceNumbers(put(stream, 5));

        // A shard is delivered in order, so records put before would have come first.
        handler.awaitDeliveries(d -> delivered(d).size() >= 5);
        assertEquals(after, handler.deliveredSequenceNumbers());
    }

    @Test
    void chaosRedeliversEverySuccessfulBatchWhole() throws Exception {
        String stream = stream("esm-chaos-whole", 1);
        List<String> puts = sequenceNumbers(put(stream, 30));
        RecordingHandler handler = new RecordingHandler(RecordingHandler.SUCCEED);

        LocalEventSourceMapping mapping = start(stream, MappingSettings.defaults().withBatchSize(10),
                new Chaos(7, 1.0, 0, 0, 0), handler);

        Delivery first = delivery(puts.subList(0, 10));
        Delivery second = delivery(puts.subList(10, 20));
        Delivery third = delivery(puts.subList(20, 30));
        assertEquals(List.of(first, first, second, second, third, third), handler.awaitDeliveries(d -> d.size() >= 6));
        MappingReport report = awaitReport(mapping, r -> r.recordsCommitted() == 30 && r.invocations() == 6);
        assertEquals(3, report.chaosWholeRedeliveries());
        assertEquals(60, report.recordsDelivered());
    }

    @Test
    void chaosRedeliversABatchShiftedIntoTheRecordsThatFollow() throws Exception {
        String stream = stream("esm-chaos-overlap", 1);
        List<String> puts = sequenceNumbers(put(stream, 30));
        RecordingHandler handler = new RecordingHandler(RecordingHandler.SUCCEED);

        LocalEventSourceMapping mapping = start(stream, MappingSettings.defaults().withBatchSize(10),
                new Chaos(7, 0, 1.0, 0, 0), handler);

        List<Delivery> deliveries = handler.awaitDeliveries(d -> d.size() >= 6);
        for (int batch = 0; batch < 3; batch++) {
            assertEquals(delivery(puts.subList(batch * 10, batch * 10 + 10)), deliveries.get(2 * batch));
            List<String> overlap = deliveries.get(2 * batch + 1).sequenceNumbers();
            int start = puts.indexOf(overlap.get(0));
            assertTrue(start > batch * 10 && start < batch * 10 + 10, "overlap " + overlap + " does not start inside batch " + batch);
            assertEquals(puts.subList(start, Math.min(start + 10, 30)), overlap);
        }
        assertEquals(3, awaitReport(mapping, r -> r.recordsCommitted() == 30).chaosOverlappingRedeliveries());
    }

    @Test
    void chaosDeliversEachBatchTogetherWithAPrefixOfItAtOnce() throws Exception {
        String stream = stream("esm-chaos-pair", 1);
        List<String> puts = sequenceNumbers(put(stream, 30));
        CountDownLatch bothArrived = new CountDownLatch(2);
        List<Boolean> sawTheOther = new ArrayList<>();
        RecordingHandler handler = new RecordingHandler((delivery, invocation) -> {
            if (invocation < 2) {
                bothArrived.countDown();
                boolean concurrent = bothArrived.await(30, TimeUnit.SECONDS);
                synchronized (sawTheOther) {
                    sawTheOther.add(concurrent);
                }
            }
            return new StreamsEventResponse(List.of());
        });

        LocalEventSourceMapping mapping = start(stream, MappingSettings.defaults().withBatchSize(10),
                new Chaos(7, 0, 0, 0, 1.0), handler);

        List<Delivery> deliveries = handler.awaitDeliveries(d -> d.size() >= 6);
        for (int batch = 0; batch < 3; batch++) {
            List<String> expected = puts.subList(batch * 10, batch * 10 + 10);
            List<Delivery> pair = new ArrayList<>(deliveries.subList(2 * batch, 2 * batch + 2));
            assertTrue(pair.remove(delivery(expected)), "batch " + batch + " is not among " + pair);
            List<String> prefix = pair.get(0).sequenceNumbers();
            assertTrue(!prefix.isEmpty() && prefix.size() < 10, "not a proper prefix: " + prefix);
            assertEquals(expected.subList(0, prefix.size()), prefix);
        }
        assertEquals(List.of(true, true), sawTheOther);
        assertEquals(3, awaitReport(mapping, r -> r.recordsCommitted() == 30).chaosConcurrentPairs());
    }

    @Test
    void throughTheRealRuntimeEveryRecordIsCommittedDespiteKilledInvocations() throws Exception {
        String stream = stream("esm-ric-kill", 1);
        for (int i = 0; i < 4; i++) {
            kinesis.putRecord(r -> r.streamName(TestStreams.nameOf(stream)).partitionKey("k")
                    .data(software.amazon.awssdk.core.SdkBytes.fromUtf8String("nap")));
        }
        FunctionConfig function = new FunctionConfig("local-esm-ric", ScriptedHandler.class.getName() + "::handleRequest",
                Duration.ofSeconds(10), 256, "us-east-1", Map.of());
        List<String> logs = new java.util.concurrent.CopyOnWriteArrayList<>();
        RuntimeInvoker invoker = resource(new RuntimeInvoker(
                RuntimeLaunch.ofClasspath(System.getProperty("java.class.path")), function, 1, logs::add));
        // Seed 1 makes the first invocation's draw a kill; it comes within 150 ms, the handler naps 500 ms.
        LocalEventSourceMapping mapping = resource(new LocalEventSourceMapping(kinesis, TestStreams.nameOf(stream),
                MappingSettings.defaults().withBatchSize(1), new Chaos(1, 0, 0, 0.5, 0), invoker));
        mapping.start();

        MappingReport report = awaitReport(mapping, r -> r.recordsCommitted() == 4);
        assertTrue(report.chaosKills() >= 1, report.toString());
        assertEquals(report.chaosKills(), report.functionErrors());
        assertEquals(1 + report.chaosKills(), invoker.processStarts());
        assertEquals(4 + report.chaosKills(), report.invocations());
    }

    /** A new stream, deleted after the test; returns its ARN. */
    private String stream(String purpose, int shards) {
        String streamArn = streams.create("local-" + purpose, shards);
        resources.add(() -> streams.delete(streamArn));
        return streamArn;
    }

    /** Puts {@code count} small JSON records with distinct partition keys; returns where they went, in put order. */
    private List<Put> put(String streamArn, int count) {
        return streams.put(streamArn, IntStream.range(0, count)
                .mapToObj(i -> ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)).toList(),
                i -> UUID.randomUUID().toString());
    }

    private LocalEventSourceMapping start(String stream, MappingSettings settings, Chaos chaos, RecordingHandler handler) {
        return start(stream, settings, chaos, handler, Clock.systemUTC());
    }

    private LocalEventSourceMapping start(String stream, MappingSettings settings, Chaos chaos,
                                          RecordingHandler handler, Clock clock) {
        InProcessInvoker invoker = resource(new InProcessInvoker(FUNCTION, () -> handler, 2));
        LocalEventSourceMapping mapping = resource(new LocalEventSourceMapping(kinesis, TestStreams.nameOf(stream), settings, chaos,
                invoker, clock));
        mapping.start();
        return mapping;
    }

    private <T extends AutoCloseable> T resource(T resource) {
        resources.add(resource);
        return resource;
    }

    private static MappingReport awaitReport(LocalEventSourceMapping mapping, Predicate<MappingReport> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            MappingReport report = mapping.report();
            if (condition.test(report)) {
                return report;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the mapping did not get there within 90 s: " + mapping.report());
    }

    private static Delivery delivery(List<String> sequenceNumbers) {
        return new Delivery(SHARD_0, sequenceNumbers);
    }

    private static List<String> sequenceNumbers(List<Put> puts) {
        return puts.stream().map(Put::sequenceNumber).toList();
    }

    private static List<String> delivered(List<Delivery> deliveries) {
        return deliveries.stream().flatMap(d -> d.sequenceNumbers().stream()).toList();
    }

    private static List<String> deliveredFrom(List<Delivery> deliveries, String shardId) {
        return delivered(deliveries.stream().filter(d -> d.shardId().equals(shardId)).toList());
    }

    private static int lastIndexOf(List<Delivery> deliveries, Predicate<Delivery> condition) {
        for (int i = deliveries.size() - 1; i >= 0; i--) {
            if (condition.test(deliveries.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
