package dev.shardhouse.handler;

import dev.shardhouse.clickhouse.ClickHouseSql;
import dev.shardhouse.config.Password;
import dev.shardhouse.source.KinesisStreams;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart's runtime hooks. The snapshot of the initialised function is restored later, on other machines, as any
 * number of instances: what init cached may be out of date there, and connections it left open are not open any more.
 */
final class SnapshotRestore implements Resource {

    private final Password password;
    private final ClickHouseSql clickHouse;
    private final KinesisStreams streams;

    SnapshotRestore(Password password, ClickHouseSql clickHouse, KinesisStreams streams) {
        this.password = password;
        this.clickHouse = clickHouse;
        this.streams = streams;
    }

    /**
     * Registers the hooks of the pipeline's caches. Hold the result for as long as the pipeline: the context holds
     * its resources weakly. Outside SnapStart (and any CRaC runtime) registering does nothing.
     */
    static SnapshotRestore register(IngestPipeline pipeline) {
        SnapshotRestore hooks = new SnapshotRestore(pipeline.config().clickHouse().password(), pipeline.sql(),
                pipeline.streams());
        Core.getGlobalContext().register(hooks);
        return hooks;
    }

    /** ClickHouse's pooled connections are closed while the server still knows them, not frozen in the snapshot. */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        clickHouse.disconnect();
    }

    /** The secret may have been rotated, and the stream recreated, since the snapshot was taken. */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        password.forget();
        streams.forgetIdentities();
    }
}
