package dev.shardhouse.map.rowbinary;

import dev.shardhouse.map.Hex;
import java.util.function.Consumer;

/** What a write produced, comparable between two paths: the bytes as hex, or the refusal's message. */
public final class Written {

    private Written() {
    }

    /** Runs one write into a fresh buffer; any exception but {@link InvalidValueException} is a finding. */
    public static String by(Consumer<RowBuffer> write) {
        RowBuffer out = new RowBuffer(64);
        try {
            write.accept(out);
        } catch (InvalidValueException refused) {
            return "refused: " + refused.getMessage();
        }
        return Hex.of(out.toByteArray());
    }
}
