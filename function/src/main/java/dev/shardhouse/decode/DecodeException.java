package dev.shardhouse.decode;

/**
 * Bad data found while decoding; the message is the reason recorded in the error table.
 *
 * <p>Thrown and caught inside this package only, once per bad record, so it skips the stack trace: the
 * record's position and raw bytes identify the problem, not the decoder's call stack.
 */
final class DecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    DecodeException(String reason) {
        super(reason, null, false, false);
    }
}
