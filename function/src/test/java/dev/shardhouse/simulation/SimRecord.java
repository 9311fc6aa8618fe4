package dev.shardhouse.simulation;

import dev.shardhouse.decode.KinesisRecordIn;
import dev.shardhouse.dedup.Position;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/** One record of the simulated stream, and what kind of content it carries. */
record SimRecord(String shardId, Position position, KinesisRecordIn in, Kind kind) {

    enum Kind {
        /** Maps and is stored in the target table. */
        GOOD,
        /** Maps, but the table's CHECK constraint refuses it while the constraint exists. */
        REFUSED_BY_CHECK,
        /** Maps and is stored; the materialized view, while it exists, fails on the block holding it. */
        VIEW_POISON,
        /** Cannot be mapped: it belongs in the error table with its raw bytes. */
        UNMAPPABLE
    }

    /** Whose value {@code v} the table's constraint {@code v < 100} refuses. */
    static final int REFUSED_VALUE = 150;
    /** Whose value the view's {@code throwIf(v = 13)} fails on. */
    static final int POISON_VALUE = 13;

    /** Kinds drawn from a seed: most records good, the rest spread over the three ways a record can go wrong. */
    static IntFunction<Kind> drawn(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Kind[] all = Kind.values();
        return ordinal -> random.nextInt(100) < 55 ? Kind.GOOD : all[1 + random.nextInt(all.length - 1)];
    }

    /** Every kind in turn, the same for every run: for exhaustive exploration. */
    static IntFunction<Kind> cycled() {
        return ordinal -> Kind.values()[ordinal % Kind.values().length];
    }

    static SimRecord of(String shardId, long sequence, int ordinal, Kind kind) {
        String data = switch (kind) {
            case GOOD -> "{\"id\":\"r" + ordinal + "\",\"v\":" + (ordinal % 50 + 20) + "}";
            case REFUSED_BY_CHECK -> "{\"id\":\"r" + ordinal + "\",\"v\":" + REFUSED_VALUE + "}";
            case VIEW_POISON -> "{\"id\":\"r" + ordinal + "\",\"v\":" + POISON_VALUE + "}";
            case UNMAPPABLE -> "not json " + ordinal;
        };
        String sequenceNumber = Long.toString(sequence);
        return new SimRecord(shardId, Position.of(sequenceNumber), new KinesisRecordIn(sequenceNumber, "pk" + ordinal,
                Instant.ofEpochSecond(1_700_000_000L + ordinal), data.getBytes(StandardCharsets.UTF_8)), kind);
    }

    @Override
    public String toString() {
        return shardId.substring(shardId.length() - 1) + ":" + position.sequence() + "(" + kind + ")";
    }
}
