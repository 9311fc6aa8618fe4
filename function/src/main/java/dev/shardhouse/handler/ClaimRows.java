package dev.shardhouse.handler;

import dev.shardhouse.decode.DecodeFailure;
import dev.shardhouse.decode.Decoded;
import dev.shardhouse.decode.UserRecord;
import dev.shardhouse.dedup.Routing;
import dev.shardhouse.insert.ErrorRow;
import dev.shardhouse.insert.TargetRow;
import dev.shardhouse.map.MapResult;
import dev.shardhouse.map.MappedRow;
import dev.shardhouse.map.MappingFailure;
import dev.shardhouse.map.RowMapper;
import dev.shardhouse.map.UnmatchedKeys;
import dev.shardhouse.map.UnmatchedSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A claim's records split between the target table and the error table: by mapping them, for a new claim, or as
 * the claim's {@link Routing} says, for a replay.
 */
final class ClaimRows {

    /** What maps one user record: {@link RowMapper#map}. */
    @FunctionalInterface
    interface Mapper {
        MapResult map(UserRecord record, String streamName, String shardId);
    }

    private final List<TargetRow> target;
    private final List<ErrorRow> errors;
    private final TreeMap<Integer, String> errorReasons;
    /** Each mapped record's unmatched keys, by ordinal; empty for a replay, which does not count them again. */
    private final List<UnmatchedKeys> unmatched;

    private ClaimRows(List<TargetRow> target, List<ErrorRow> errors, TreeMap<Integer, String> errorReasons,
                      List<UnmatchedKeys> unmatched) {
        this.target = target;
        this.errors = errors;
        this.errorReasons = errorReasons;
        this.unmatched = unmatched;
    }

    /** Maps a new claim's records: those that cannot be decoded or mapped go to the error table. */
    static ClaimRows map(List<Decoded> records, Mapper mapper, String streamName, String shardId) {
        ClaimRows rows = new ClaimRows(new ArrayList<>(records.size()), new ArrayList<>(), new TreeMap<>(),
                new ArrayList<>(records.size()));
        for (int ordinal = 0; ordinal < records.size(); ordinal++) {
            Decoded record = records.get(ordinal);
            if (record instanceof DecodeFailure failure) {
                rows.unmatched.add(UnmatchedKeys.NONE);
                rows.toErrors(ordinal, errorRow(failure, failure.reason()));
            } else if (record instanceof UserRecord user) {
                MapResult result = map(mapper, user, streamName, shardId);
                rows.unmatched.add(result.unmatched());
                if (result instanceof MappedRow row) {
                    rows.target.add(targetRow(ordinal, user, row));
                } else if (result instanceof MappingFailure failure) {
                    rows.toErrors(ordinal, errorRow(user, failure.reason()));
                }
            }
        }
        return rows;
    }

    /**
     * Routes a claim's surviving records as the claim says. A record routed to the target table that cannot be mapped
     * any more (the table changed since the claim) cannot be replayed as it was: it fails loudly, since sending it to
     * the error table could put it there as well as in the target, where the attempt may have written it.
     *
     * @param firstOrdinal the ordinal of {@code records}' first in the claim: above 0 when the claim's start expired
     * @throws ReplayMismatchException naming the record
     */
    static ClaimRows replay(List<Decoded> records, int firstOrdinal, Routing routing, Mapper mapper,
                            String streamName, String shardId) {
        ClaimRows rows = new ClaimRows(new ArrayList<>(records.size()), new ArrayList<>(), new TreeMap<>(), List.of());
        for (int i = 0; i < records.size(); i++) {
            int ordinal = firstOrdinal + i;
            Decoded record = records.get(i);
            MapResult result = record instanceof UserRecord user ? map(mapper, user, streamName, shardId) : null;
            String todaysFailure = record instanceof DecodeFailure failure ? failure.reason()
                    : result instanceof MappingFailure failure ? failure.reason() : null;
            if (routing.toErrors(ordinal)) {
                String reason = routing.reason(ordinal).or(() -> Optional.ofNullable(todaysFailure))
                        .orElse("routed to the error table when its batch was first attempted");
                rows.toErrors(ordinal, errorRow(record, reason));
            } else if (result instanceof MappedRow row) {
                rows.target.add(targetRow(ordinal, (UserRecord) record, row));
            } else {
                throw new ReplayMismatchException("shard " + shardId + ": record " + record.position() + " went to the"
                        + " target table when its claim was first attempted, but cannot be mapped now (" + todaysFailure
                        + "); it may already be stored, so it is not sent to the error table. Restore the table's"
                        + " definition until this batch has passed");
            }
        }
        return rows;
    }

    /** These rows with the refused ones (ordinal to reason) moved to the error table. */
    ClaimRows refusing(Map<Integer, String> refused) {
        ClaimRows rows = new ClaimRows(new ArrayList<>(target.size()), new ArrayList<>(errors), new TreeMap<>(errorReasons),
                unmatched);
        for (TargetRow row : target) {
            String reason = refused.get(row.ordinal());
            if (reason == null) {
                rows.target.add(row);
            } else {
                rows.toErrors(row.ordinal(), row.rejected(reason));
            }
        }
        return rows;
    }

    /** The rows of the claim's first {@code records} records (of a claim just mapped: its errors are in order). */
    ClaimRows prefix(int records) {
        TreeMap<Integer, String> reasons = new TreeMap<>(errorReasons.headMap(records));
        return new ClaimRows(target.stream().filter(row -> row.ordinal() < records).toList(),
                errors.subList(0, reasons.size()), reasons, unmatched.subList(0, Math.min(records, unmatched.size())));
    }

    List<TargetRow> target() {
        return target;
    }

    List<ErrorRow> errors() {
        return errors;
    }

    /** The unmatched keys of the records mapped for this claim (UnknownKeys, MissingColumns). */
    UnmatchedSummary unmatched() {
        UnmatchedSummary summary = UnmatchedSummary.NONE;
        for (UnmatchedKeys record : unmatched) {
            summary = summary.plus(record);
        }
        return summary;
    }

    /** Which records go to the error table, for the claim. */
    Routing routing() {
        return Routing.NONE.with(errorReasons);
    }

    private void toErrors(int ordinal, ErrorRow row) {
        errors.add(row);
        errorReasons.put(ordinal, row.reason());
    }

    private static ErrorRow errorRow(Decoded record, String reason) {
        if (record instanceof DecodeFailure failure) {
            return new ErrorRow(failure.position(), failure.partitionKey(), failure.approximateArrival(), failure.raw(),
                    reason);
        }
        UserRecord user = (UserRecord) record;
        return new ErrorRow(user.position(), user.partitionKey(), user.approximateArrival(), user.data(), reason);
    }

    private static TargetRow targetRow(int ordinal, UserRecord user, MappedRow row) {
        return new TargetRow(ordinal, row.rowBinary(), user.position(), user.partitionKey(), user.approximateArrival(),
                user.data());
    }

    /**
     * The mapper turns bad data into a {@link MappingFailure}; anything else it throws is a fault of the mapper on
     * this record, which must not block the shard either: the record goes to the error table with the fault.
     */
    private static MapResult map(Mapper mapper, UserRecord user, String streamName, String shardId) {
        try {
            return mapper.map(user, streamName, shardId);
        } catch (RuntimeException e) {
            return new MappingFailure("cannot map the record: " + e);
        }
    }
}
