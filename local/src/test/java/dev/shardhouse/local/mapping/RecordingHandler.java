package dev.shardhouse.local.mapping;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A test function that records every event it is given, in order, and answers as its {@link Behaviour} says
 * (which may throw, as a failing function does).
 */
final class RecordingHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    /** One invocation: the shard (from the eventIDs) and the records' sequence numbers, in event order. */
    record Delivery(String shardId, List<String> sequenceNumbers) {
    }

    @FunctionalInterface
    interface Behaviour {
        /** The answer to the {@code invocation}-th delivery (0-based). */
        StreamsEventResponse answer(Delivery delivery, int invocation) throws InterruptedException;
    }

    static final Behaviour SUCCEED = (delivery, invocation) -> new StreamsEventResponse(List.of());

    private final Behaviour behaviour;
    private final List<Delivery> deliveries = new ArrayList<>();

    RecordingHandler(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        List<String> sequenceNumbers = event.getRecords().stream().map(r -> r.getKinesis().getSequenceNumber()).toList();
        String eventId = event.getRecords().get(0).getEventID();
        Delivery delivery = new Delivery(eventId.substring(0, eventId.indexOf(':')), sequenceNumbers);
        int invocation;
        synchronized (deliveries) {
            invocation = deliveries.size();
            deliveries.add(delivery);
        }
        try {
            return behaviour.answer(delivery, invocation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    List<Delivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    /** Every sequence number delivered, in delivery order, duplicates included. */
    List<String> deliveredSequenceNumbers() {
        return deliveries().stream().flatMap(d -> d.sequenceNumbers().stream()).toList();
    }

    /** Waits (up to a generous limit, for a slow shared machine) until the deliveries satisfy {@code condition}. */
    List<Delivery> awaitDeliveries(Predicate<List<Delivery>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            List<Delivery> now = deliveries();
            if (condition.test(now)) {
                return now;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the expected deliveries did not arrive within 90 s; got " + deliveries());
    }
}
