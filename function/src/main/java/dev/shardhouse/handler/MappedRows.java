package dev.shardhouse.handler;

import dev.shardhouse.decode.DecodeFailure;
import dev.shardhouse.decode.Decoded;
import dev.shardhouse.decode.UserRecord;
import dev.shardhouse.insert.ErrorRow;
import dev.shardhouse.insert.RowSource;
import dev.shardhouse.insert.TargetRow;
import dev.shardhouse.map.MapResult;
import dev.shardhouse.map.MappedRow;
import dev.shardhouse.map.MappingFailure;
import dev.shardhouse.map.RowMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The records of one range, mapped to rows as they are asked for. Mapping is pure CPU work, so the batch maps ahead
 * while its claim is in flight ({@link #mapAheadWhile}), and the insert maps the rest as it streams them.
 */
final class MappedRows implements RowSource {

    /** What maps one user record: {@link RowMapper#map}. */
    @FunctionalInterface
    interface Mapper {
        MapResult map(UserRecord record, String streamName, String shardId);
    }

    private final Iterator<Decoded> records;
    private final Mapper mapper;
    private final String streamName;
    private final String shardId;
    private final ArrayDeque<TargetRow> ahead = new ArrayDeque<>();
    private final List<ErrorRow> errors = new ArrayList<>();
    private long mappingNanos;

    MappedRows(List<Decoded> records, Mapper mapper, String streamName, String shardId) {
        this.records = records.iterator();
        this.mapper = mapper;
        this.streamName = streamName;
        this.shardId = shardId;
    }

    /** Maps records ahead of the insert while {@code condition} holds and records are left. */
    void mapAheadWhile(BooleanSupplier condition) {
        while (records.hasNext() && condition.getAsBoolean()) {
            mapNext();
        }
    }

    @Override
    public TargetRow next() {
        while (ahead.isEmpty() && records.hasNext()) {
            mapNext();
        }
        return ahead.poll();
    }

    @Override
    public List<ErrorRow> errors() {
        return errors;
    }

    String streamName() {
        return streamName;
    }

    /** Time spent mapping so far, wherever it happened. */
    long mappingNanos() {
        return mappingNanos;
    }

    private void mapNext() {
        long start = System.nanoTime();
        Decoded record = records.next();
        if (record instanceof DecodeFailure failure) {
            errors.add(new ErrorRow(failure.position(), failure.partitionKey(), failure.approximateArrival(),
                    failure.raw(), failure.reason()));
        } else if (record instanceof UserRecord user) {
            MapResult result = map(user);
            if (result instanceof MappedRow row) {
                ahead.add(new TargetRow(row.rowBinary(), user.position(), user.partitionKey(),
                        user.approximateArrival(), user.data()));
            } else if (result instanceof MappingFailure failure) {
                errors.add(new ErrorRow(user.position(), user.partitionKey(), user.approximateArrival(),
                        user.data(), failure.reason()));
            }
        }
        mappingNanos += System.nanoTime() - start;
    }

    /**
     * The mapper turns bad data into a {@link MappingFailure}; anything else it throws is a fault of the mapper on
     * this record, which must not block the shard either: the record goes to the error table with the fault.
     */
    private MapResult map(UserRecord user) {
        try {
            return mapper.map(user, streamName, shardId);
        } catch (RuntimeException e) {
            return new MappingFailure("cannot map the record: " + e);
        }
    }
}
