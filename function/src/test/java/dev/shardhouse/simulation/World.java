package dev.shardhouse.simulation;

import dev.shardhouse.dedup.PendingRange;
import dev.shardhouse.dedup.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run shares: the simulated services, the schedule, the clock and what the checks found. */
final class World {

    final SimConfig config;
    final Scheduler scheduler = new Scheduler();
    final Trace trace = new Trace();
    final SimStream stream;
    final SimKeeper keeper;
    final SimClickHouse clickHouse;
    /** The claim whose commit covered each record: the routing it was stored by. */
    final Map<Position, PendingRange> committedBy = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();
    private long second;
    private long expiredReported;
    private int faultsLeft;

    World(SimConfig config, SimStream stream) {
        this.config = config;
        this.stream = stream;
        this.keeper = new SimKeeper(this);
        this.clickHouse = new SimClickHouse(this);
        this.faultsLeft = config.maxFaults();
    }

    /** A simulated call: waits for the schedule's turn and returns the fault it is given. */
    Fault gate(String call, Fault... faults) {
        return scheduler.gate(call, faults);
    }

    /** Throws for a call given {@link Fault#FAIL}, before the call has any effect. */
    void failBefore(String call, Fault fault) {
        if (fault == Fault.FAIL) {
            trace.note(call + " -> FAILED before any effect");
            throw fault.exception(call);
        }
    }

    /** Throws for a call given {@link Fault#LOST_RESPONSE}, after the call took effect. */
    void loseResponse(String call, Fault fault) {
        if (fault == Fault.LOST_RESPONSE) {
            trace.note(call + " -> its RESPONSE LOST");
            throw fault.exception(call);
        }
    }

    void violation(String invariant) {
        violations.add(invariant);
        trace.note("VIOLATION " + invariant);
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    long second() {
        return second;
    }

    void tick() {
        second++;
    }

    /** Records the function reported expired: of a claim, aged out of the stream before they could be read again. */
    void expired(int records) {
        expiredReported += records;
    }

    long expiredReported() {
        return expiredReported;
    }

    boolean calm() {
        return faultsLeft == 0;
    }

    void spendFault() {
        faultsLeft--;
    }

    /** The world stops failing before its fault budget is spent. */
    void stopFailing() {
        faultsLeft = 0;
    }

    /** Records the claim that committed its records; a record committed by two claims is stored twice or wrongly. */
    void committed(String shardId, PendingRange claim) {
        for (SimRecord record : stream.shard(shardId).records()) {
            if (claim.contains(record.position())) {
                PendingRange earlier = committedBy.put(record.position(), claim);
                if (earlier != null) {
                    violation("record " + record + " committed by two claims: " + trace.token(earlier.token())
                            + " and " + trace.token(claim.token()));
                }
            }
        }
    }
}
