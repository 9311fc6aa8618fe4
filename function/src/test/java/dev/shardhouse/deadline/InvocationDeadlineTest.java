package dev.shardhouse.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InvocationDeadlineTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final InvocationDeadline deadline = new InvocationDeadline(now::get);

    @Test
    void outsideAnInvocationCallsAreUnbounded() {
        assertEquals(Optional.empty(), deadline.budget(Duration.ofSeconds(2), "SELECT"));
        deadline.begin(Duration.ofSeconds(10));
        deadline.end();
        assertEquals(Optional.empty(), deadline.budget(Duration.ofSeconds(2), "SELECT"));
    }

    @Test
    void aCallGetsTheTimeLeftLessTheReserveAndItsSetUp() {
        deadline.begin(Duration.ofSeconds(10));
        assertEquals(Optional.of(Duration.ofSeconds(7)), deadline.budget(Duration.ofSeconds(2), "SELECT"));
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(Optional.of(Duration.ofSeconds(3)), deadline.budget(Duration.ofSeconds(2), "SELECT"));
        assertEquals(Optional.of(Duration.ofSeconds(5)), deadline.budget(Duration.ZERO, "GetRecords"));
    }

    @Test
    void aCallWithNothingLeftIsNotMade() {
        deadline.begin(Duration.ofSeconds(10));
        now.addAndGet(Duration.ofMillis(6_999).toNanos());
        assertEquals(Optional.of(Duration.ofMillis(1)), deadline.budget(Duration.ofSeconds(2), "INSERT"));
        now.addAndGet(Duration.ofMillis(1).toNanos());
        DeadlineExceededException refused = assertThrows(DeadlineExceededException.class,
                () -> deadline.budget(Duration.ofSeconds(2), "INSERT"));
        assertTrue(refused.getMessage().contains("not calling INSERT: the invocation has 3000 ms left"), refused.getMessage());
    }

    @Test
    void aDeadlineAlreadyPassedSaysNoTimeIsLeft() {
        DeadlineExceededException refused = assertThrows(DeadlineExceededException.class,
                () -> InvocationDeadline.budget(-5_000_000_000L, Duration.ZERO, "GetRecords"));
        assertTrue(refused.getMessage().contains("has 0 ms left"), refused.getMessage());
    }
}
