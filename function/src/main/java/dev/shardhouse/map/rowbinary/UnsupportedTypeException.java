package dev.shardhouse.map.rowbinary;

/** A column type that Shardhouse cannot write, or a type string it cannot read. */
public final class UnsupportedTypeException extends Exception {

    public UnsupportedTypeException(String message) {
        super(message);
    }
}
