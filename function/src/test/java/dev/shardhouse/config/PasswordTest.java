package dev.shardhouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.testing.SteppingClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PasswordTest {

    private static final Duration LIFETIME = Duration.ofMinutes(15);

    private final SteppingClock clock = new SteppingClock();
    /** What the secret holds at each read, in turn. */
    private final Deque<String> rotations = new ArrayDeque<>(List.of("first", "second", "third"));
    private int reads;
    private final Supplier<String> secret = () -> {
        reads++;
        return rotations.size() > 1 ? rotations.removeFirst() : rotations.getFirst();
    };

    @Test
    void aSecretIsReadAtStartAndKeptForItsLifetime() {
        Password password = Password.fromSecret(secret, LIFETIME, clock);
        assertEquals(1, reads);
        clock.advance(LIFETIME.minusSeconds(1));
        assertEquals("first", password.current());
        assertEquals(1, reads);
    }

    @Test
    void aSecretOlderThanItsLifetimeIsReadAgainBeforeUse() {
        Password password = Password.fromSecret(secret, LIFETIME, clock);
        clock.advance(LIFETIME);
        assertEquals("second", password.current());
        assertEquals(2, reads);
        assertEquals("second", password.current(), "the new read starts a new lifetime");
        assertEquals(2, reads);
    }

    @Test
    void aRefusedPasswordIsReadAgainAtOnceButNotOncePerStatement() {
        Password password = Password.fromSecret(secret, LIFETIME, clock);
        clock.advance(Password.REFUSAL_SPACING);
        assertTrue(password.refused());
        assertEquals("second", password.current());
        // The other statements of the failing batch report the same refusal: Secrets Manager is not asked again.
        assertFalse(password.refused());
        clock.advance(Password.REFUSAL_SPACING.minusMillis(1));
        assertFalse(password.refused());
        assertEquals(2, reads);
        clock.advance(Duration.ofMillis(1));
        assertTrue(password.refused());
        assertEquals("third", password.current());
    }

    @Test
    void aFixedPasswordNeverChanges() {
        Password password = Password.fixed("local");
        assertFalse(password.refused());
        assertEquals("local", password.current());
    }

    @Test
    void equalWhenTheyHoldTheSamePasswordAndNeverPrinted() {
        Password password = Password.fromSecret(secret, LIFETIME, clock);
        assertEquals(Password.fixed("first"), password);
        assertEquals("****", password.toString());
        assertEquals("(none)", Password.fixed("").toString());
    }

    @Test
    void aLifetimeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> Password.fromSecret(secret, Duration.ZERO, clock));
    }

    @Test
    void theCacheLifetimeIsASetting() {
        Environment env = new Environment(java.util.Map.of(
                "CLICKHOUSE_URL", "https://ch.example.com:8443",
                "CLICKHOUSE_PASSWORD_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ch-AbC123",
                "CLICKHOUSE_PASSWORD_CACHE_SECONDS", "59"));
        ClickHouseSettings.from(env, arn -> {
            throw new AssertionError("read although a setting is refused");
        });
        ConfigException refused = assertThrows(ConfigException.class, () -> env.verified(null));
        assertEquals("CLICKHOUSE_PASSWORD_CACHE_SECONDS", refused.setting());
    }
}
