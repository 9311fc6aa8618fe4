package dev.shardhouse.local.chaos;

import dev.shardhouse.local.proxy.FaultProxy;
import dev.shardhouse.local.proxy.KeeperFaults;
import dev.shardhouse.local.proxy.RequestFault;
import dev.shardhouse.local.proxy.RequestFaults;
import dev.shardhouse.local.proxy.Statements;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A chaos run's network: the fault-injecting proxy between the function instances and ClickHouse, and, on a stack of
 * the run's own, the one between ClickHouse and ZooKeeper (ClickHouse's keeper configuration names its port). Faults
 * of requests are armed for the first pipeline's next insert, claim or commit and counted once they applied.
 */
final class NetworkFaults implements AutoCloseable {

    static final Duration LATENCY_SPIKE = Duration.ofSeconds(3);
    static final int BANDWIDTH_BYTES_PER_SECOND = 4_000;

    /**
     * The keeper link to proxy: ClickHouse connects to {@code port}, the proxy to ZooKeeper on {@code zookeeperPort};
     * {@code sessionTimeout} is the one ClickHouse's configuration asks for.
     */
    record KeeperLink(int port, int zookeeperPort, Duration sessionTimeout) {
    }

    private final RequestFaults requests = new RequestFaults();
    private final FaultProxy http;
    private final Optional<KeeperFaults> keeper;
    private final Optional<FaultProxy> keeperProxy;
    private final Duration partition;

    /**
     * @param clickHousePort  ClickHouse's HTTP port, which the proxy forwards to
     * @param keeperLink      the keeper link to proxy, if the run has a stack of its own
     * @param functionTimeout the function's timeout: a partition outlasts it
     */
    NetworkFaults(int clickHousePort, Optional<KeeperLink> keeperLink, Duration functionTimeout) {
        this.http = FaultProxy.http(0, clickHousePort, requests);
        this.keeper = keeperLink.map(link -> new KeeperFaults(link.sessionTimeout()));
        this.keeperProxy = keeperLink.map(link -> FaultProxy.keeper(link.port(), link.zookeeperPort(), keeper.get()));
        this.partition = functionTimeout.plusSeconds(5);
    }

    /** ClickHouse's URL for the function instances: through the proxy. */
    String functionUrl() {
        return "http://127.0.0.1:" + http.port();
    }

    Duration partitionLength() {
        return partition;
    }

    /**
     * Arms (or, for a partition, starts) a network fault.
     *
     * @param table       the first pipeline's target table, quoted and qualified as the function writes it
     * @param checkpoints the checkpoint table, likewise
     */
    void inject(FaultKind kind, String table, String checkpoints) {
        Predicate<String> insert = Statements.insertInto(table);
        switch (kind) {
            case RESPONSE_DROPPED_AFTER_INSERT -> arm(kind, insert, new RequestFault.DropResponse());
            case RESPONSE_DROPPED_AFTER_CLAIM -> arm(kind, Statements.claimIn(checkpoints), new RequestFault.DropResponse());
            case RESPONSE_DROPPED_AFTER_COMMIT -> arm(kind, Statements.commitIn(checkpoints), new RequestFault.DropResponse());
            case RESET_MID_REQUEST_BODY -> arm(kind, insert, new RequestFault.ResetMidRequestBody());
            case RESET_MID_RESPONSE -> arm(kind, Statements.claimIn(checkpoints).or(Statements.commitIn(checkpoints)),
                    new RequestFault.ResetMidResponse());
            case LATENCY_SPIKE -> arm(kind, insert, new RequestFault.LatencySpike(LATENCY_SPIKE));
            case BANDWIDTH_LIMIT -> arm(kind, insert, new RequestFault.BandwidthLimit(BANDWIDTH_BYTES_PER_SECOND));
            case PARTITION -> http.partition(partition);
            case KEEPER_SESSION_EXPIRED -> keeper.orElseThrow(() -> new IllegalStateException(
                    "a keeper session expiry needs the keeper link through the run's proxy (bin/chaos sets it up)"))
                    .armSessionExpiry();
            default -> throw new IllegalArgumentException(kind.label() + " is not a network fault");
        }
    }

    private void arm(FaultKind kind, Predicate<String> trigger, RequestFault fault) {
        requests.arm(kind.label(), trigger, fault);
    }

    /** How many faults of the kind applied (armed ones that met no request yet are not counted). */
    long applied(FaultKind kind) {
        if (kind == FaultKind.PARTITION) {
            return http.partitions();
        }
        if (kind == FaultKind.KEEPER_SESSION_EXPIRED) {
            return keeper.map(faults -> faults.tally().count(kind.label())).orElse(0L);
        }
        return requests.tally().count(kind.label());
    }

    /** Disarms what met no request or write; returns how many that was. */
    int disarm() {
        return requests.disarm() + keeper.map(KeeperFaults::disarm).orElse(0);
    }

    /** Waits until no partition of the function's link or the keeper's lasts. */
    void awaitHealed() throws InterruptedException {
        while (http.partitioned() || keeperProxy.map(FaultProxy::partitioned).orElse(false)) {
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        http.close();
        keeperProxy.ifPresent(FaultProxy::close);
    }
}
