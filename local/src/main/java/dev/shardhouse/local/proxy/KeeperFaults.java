package dev.shardhouse.local.proxy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults of the link between ClickHouse and its keeper (the ZooKeeper protocol). The one armed here: the keeper
 * session expiring in the middle of a write. The next write request (a KeeperMap compare-and-set is one {@code multi})
 * reaches the keeper, its reply is dropped and the link is cut for longer than the session timeout, so the keeper
 * expires the session with the write's outcome unknown to ClickHouse; its reconnection is refused as expired and it
 * must open a new session (its client never resumes one).
 */
public final class KeeperFaults {

    /** ZooKeeper's request types that change data: create, delete, setData, setACL, multi, create2, createContainer, createTTL. */
    private static final Set<Integer> WRITES = Set.of(1, 2, 5, 7, 14, 15, 19, 21);

    private final Duration sessionTimeout;
    private final AtomicInteger armed = new AtomicInteger();
    private final FaultTally tally = new FaultTally();

    /** @param sessionTimeout the session timeout ClickHouse negotiates with the keeper; the cut outlasts it */
    public KeeperFaults(Duration sessionTimeout) {
        if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
            throw new IllegalArgumentException("a session timeout must be positive: " + sessionTimeout);
        }
        this.sessionTimeout = sessionTimeout;
    }

    /** Arms one session expiry, for the next write any connection carries. */
    public void armSessionExpiry() {
        armed.incrementAndGet();
    }

    public int armed() {
        return armed.get();
    }

    /** Disarms what no write has met yet; returns how many that was. */
    public int disarm() {
        return armed.getAndSet(0);
    }

    /** Label {@code keeper_session_expired_mid_write}: the faults that met a write. */
    public FaultTally tally() {
        return tally;
    }

    /** How long the link stays cut: past the session timeout by two ZooKeeper ticks, so the keeper has expired it. */
    Duration cut() {
        return sessionTimeout.plusSeconds(4);
    }

    /** Whether a request of this type is a write that an armed expiry takes (and disarms). */
    boolean takesWrite(int requestType) {
        if (!WRITES.contains(requestType)) {
            return false;
        }
        if (armed.getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
            return false;
        }
        tally.add("keeper_session_expired_mid_write");
        return true;
    }
}
