package dev.shardhouse.source;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shardhouse.decode.KinesisRecordIn;
import dev.shardhouse.dedup.Position;
import dev.shardhouse.testing.LocalServices;
import dev.shardhouse.testing.TestStreams;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;

/**
 * KinesisStreams against the local Kinesis. kinesis-mock serves several accounts at once, so a stream of another
 * account with the same name as one of the function's own shows whether a call went by ARN or by name.
 */
class KinesisStreamsIT {

    private static final String OTHER_ACCOUNT = "111111111111";
    private static final String SHARD = "shardId-000000000000";

    private final KinesisClient own = LocalServices.kinesis();
    private final KinesisClient other = LocalServices.kinesisOfAccount(OTHER_ACCOUNT);
    private final TestStreams ownStreams = new TestStreams(own);
    private final TestStreams otherStreams = new TestStreams(other);
    private final String name = "kinesis-streams-it-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void deleteStreams() {
        ownStreams.delete("stream/" + name);
        otherStreams.delete("stream/" + name);
    }

    @Test
    void theIdentityOfAnotherAccountsStreamIsThatStreamsNotTheSameNamedOneOfTheFunctionsAccount() throws Exception {
        String theirs = otherStreams.createNamed(name, 1);
        Thread.sleep(50); // distinct creation times
        String ours = ownStreams.createNamed(name, 1);

        assertAll(
                () -> assertNotEquals(ours, theirs),
                () -> assertEquals(created(other), new KinesisStreams(own).identity(theirs).createdMillis()),
                () -> assertNotEquals(created(own), created(other)));
    }

    @Test
    void aRangeOfAnotherAccountsStreamIsReadFromThatStream() {
        String theirs = otherStreams.createNamed(name, 1);
        String ours = ownStreams.createNamed(name, 1);
        List<TestStreams.Put> theirPuts = otherStreams.put(theirs, payloads("theirs", 5), i -> "k");
        ownStreams.put(ours, payloads("ours", 5), i -> "k");

        KinesisStreams.RangeRead read = new KinesisStreams(own).read(theirs, SHARD,
                Position.of(theirPuts.get(1).sequenceNumber()), Position.of(theirPuts.get(3).sequenceNumber()));

        assertAll(
                () -> assertEquals(List.of("theirs-1", "theirs-2", "theirs-3"), texts(read.records())),
                () -> assertEquals(theirPuts.subList(1, 4).stream().map(TestStreams.Put::sequenceNumber).toList(),
                        read.records().stream().map(KinesisRecordIn::sequenceNumber).toList()),
                () -> assertFalse(read.startTrimmed()));
    }

    @Test
    void aRefusedIteratorRequestThatIsNotAboutTrimmingFailsTheReadInsteadOfCountingTheRangeExpired() {
        String arn = ownStreams.createNamed(name, 1);
        List<TestStreams.Put> puts = ownStreams.put(arn, payloads("r", 2), i -> "k");

        // kinesis-mock refuses a malformed shard id with InvalidArgumentException; the records are all there.
        assertThrows(InvalidArgumentException.class, () -> new KinesisStreams(own).read(arn, "shardId-0000 0",
                Position.of(puts.get(0).sequenceNumber()), Position.of(puts.get(1).sequenceNumber())));
    }

    @Test
    void aWarmInstancePicksUpARecreatedStreamOnceItsLookupIsOlderThanTheBound() throws Exception {
        String arn = ownStreams.createNamed(name, 1);
        Duration bound = Duration.ofMillis(300);
        KinesisStreams streams = new KinesisStreams(own, bound, Clock.systemUTC());
        long before = streams.identity(arn).createdMillis();
        Instant lookedUp = Instant.now();

        recreate(arn);
        long now = created(own);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), lookedUp.plus(bound)).toMillis()) + 50);

        assertAll(
                () -> assertNotEquals(before, now),
                () -> assertEquals(now, streams.identity(arn).createdMillis()));
    }

    @Test
    void withinTheBoundTheIdentityIsNotDescribedAgain() {
        String arn = ownStreams.createNamed(name, 1);
        KinesisStreams streams = new KinesisStreams(own, Duration.ofHours(1), Clock.systemUTC());
        long before = streams.identity(arn).createdMillis();

        recreate(arn);

        assertEquals(before, streams.identity(arn).createdMillis());
    }

    private void recreate(String arn) {
        ownStreams.delete(arn);
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            try {
                ownStreams.createNamed(name, 1);
                return;
            } catch (ResourceInUseException stillDeleting) {
                if (Instant.now().isAfter(deadline)) {
                    throw stillDeleting;
                }
            }
        }
    }

    private long created(KinesisClient client) {
        return client.describeStreamSummary(request -> request.streamName(name)).streamDescriptionSummary()
                .streamCreationTimestamp().toEpochMilli();
    }

    private static List<byte[]> payloads(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> (prefix + "-" + i).getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static List<String> texts(List<KinesisRecordIn> records) {
        return records.stream().map(record -> new String(record.data(), StandardCharsets.UTF_8)).toList();
    }
}
