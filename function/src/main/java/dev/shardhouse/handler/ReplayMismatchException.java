package dev.shardhouse.handler;

/**
 * A pending claim cannot be replayed as it was attempted: its records are not the ones it claimed, or the table no
 * longer takes them as it did. Going on would risk a record in both tables or in neither, so the batch fails, loudly
 * and not as a transient fault, until the cause is removed.
 */
final class ReplayMismatchException extends RuntimeException {
    ReplayMismatchException(String message) {
        super(message);
    }
}
