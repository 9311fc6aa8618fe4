package dev.shardhouse.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shardhouse.config.ClickHouseSettings;
import dev.shardhouse.config.Password;
import dev.shardhouse.testing.LocalServices;
import dev.shardhouse.testing.SteppingClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rotated password against the local ClickHouse, which refuses a wrong password for {@code default} (whose real
 * password is empty): the "secret" first holds a stale password, then, once rotated, the right one.
 */
class PasswordRotationIT {

    private static final Duration LIFETIME = Duration.ofMinutes(15);

    private final SteppingClock clock = new SteppingClock();
    private final Deque<String> secret = new ArrayDeque<>();
    private int reads;

    @BeforeAll
    static void clickHouseAnswers() {
        LocalServices.requireClickHouse();
    }

    private ClickHouseSql sqlReading(String... passwords) {
        secret.addAll(List.of(passwords));
        Password password = Password.fromSecret(() -> {
            reads++;
            return secret.size() > 1 ? secret.removeFirst() : secret.getFirst();
        }, LIFETIME, clock);
        return new ClickHouseSql(new ClickHouseSettings(LocalServices.clickHouseUrl(), "default", password, "default"));
    }

    private static long one(ClickHouseSql sql) {
        return sql.query("SELECT 1 AS one", Map.of()).get(0).getLong("one");
    }

    @Test
    void aRefusedPasswordFailsItsStatementAndTheNextStatementUsesTheRotatedOne() {
        ClickHouseSql sql = sqlReading("stale-password", "");

        RuntimeException refused = assertThrows(RuntimeException.class, () -> one(sql));
        assertTrue(ClickHouseFailure.of(refused).isAuthenticationFailure(), ClickHouseFailure.of(refused).toString());
        assertThrows(RuntimeException.class, () -> one(sql), "read again within the refusal spacing");
        assertEquals(1, reads);

        clock.advance(Duration.ofSeconds(5));
        assertThrows(RuntimeException.class, () -> one(sql), "this refusal has the secret read again");
        assertEquals(2, reads);
        assertEquals(1, one(sql));
        assertEquals(2, reads);
    }

    @Test
    void aPasswordPastItsLifetimeIsReadAgainWithoutAFailure() {
        ClickHouseSql sql = sqlReading("", "stale-after-a-bad-rotation");
        assertEquals(1, one(sql));

        clock.advance(LIFETIME);
        RuntimeException refused = assertThrows(RuntimeException.class, () -> one(sql));
        assertEquals(2, reads, "the lifetime ended: read before the statement");
        assertTrue(ClickHouseFailure.of(refused).isAuthenticationFailure(), ClickHouseFailure.of(refused).toString());
    }

    @Test
    void otherFailuresLeaveTheSecretAlone() {
        ClickHouseSql sql = sqlReading("");
        clock.advance(Duration.ofMinutes(1));
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> sql.query("SELECT * FROM no_such_table_for_rotation", Map.of()));
        assertEquals(60, ClickHouseFailure.of(failure).code(), "UNKNOWN_TABLE");
        assertEquals(1, reads);
    }
}
