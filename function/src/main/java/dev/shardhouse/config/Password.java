package dev.shardhouse.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The ClickHouse password. A fixed one (CLICKHOUSE_PASSWORD, local runs) never changes. One read from a Secrets
 * Manager secret is read again once older than its lifetime, and at once when ClickHouse refuses it: after a
 * rotation, a warm instance fails at most the batch that met the refusal instead of every batch until Lambda
 * recycles it. Never printed: {@link #toString()} masks it.
 */
public final class Password {

    /** Every statement of a failing batch reports its refusal: one read of the secret per this span is enough. */
    static final Duration REFUSAL_SPACING = Duration.ofSeconds(5);

    private final Supplier<String> source;
    private final Duration lifetime;
    private final Clock clock;
    private String value;
    private Instant readAt;

    private Password(String value, Supplier<String> source, Duration lifetime, Clock clock) {
        this.value = Objects.requireNonNull(value, "value");
        this.source = source;
        this.lifetime = lifetime;
        this.clock = clock;
        this.readAt = clock == null ? Instant.MIN : clock.instant();
    }

    public static Password fixed(String value) {
        return new Password(value, null, null, null);
    }

    /** Reads the secret now (a failure fails the start) and again as described above. */
    public static Password fromSecret(Supplier<String> read, Duration lifetime, Clock clock) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
        }
        return new Password(read.get(), read, lifetime, clock);
    }

    /** The password to connect with, read again first if it has outlived its lifetime. */
    public synchronized String current() {
        if (source != null && !clock.instant().isBefore(readAt.plus(lifetime))) {
            reread();
        }
        return value;
    }

    /**
     * ClickHouse refused the password: read the secret again, unless it was read within {@link #REFUSAL_SPACING}.
     *
     * @return whether the secret was read again
     */
    public synchronized boolean refused() {
        if (source == null || clock.instant().isBefore(readAt.plus(REFUSAL_SPACING))) {
            return false;
        }
        reread();
        return true;
    }

    /**
     * Makes the next {@link #current()} read the secret again, whatever its age: a SnapStart snapshot holds the
     * password read at init, and the secret may have been rotated by the time the snapshot is restored.
     */
    public synchronized void forget() {
        readAt = Instant.MIN;
    }

    public synchronized boolean isEmpty() {
        return value.isEmpty();
    }

    private void reread() {
        value = Objects.requireNonNull(source.get(), "the secret's password");
        readAt = clock.instant();
    }

    /** Equal when they hold the same password now; whether it comes from a secret does not matter. */
    @Override
    public synchronized boolean equals(Object other) {
        if (!(other instanceof Password password)) {
            return false;
        }
        String theirs;
        synchronized (password) {
            theirs = password.value;
        }
        return value.equals(theirs);
    }

    @Override
    public synchronized int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return isEmpty() ? "(none)" : "****";
    }
}
