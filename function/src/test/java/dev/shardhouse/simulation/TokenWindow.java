package dev.shardhouse.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * A table's insert deduplication: a block whose token is among the last {@code blocks} written and no more than
 * {@code seconds} older than the newest is dropped (non_replicated_deduplication_window /
 * replicated_deduplication_window and its _seconds twin).
 */
final class TokenWindow {

    private record Block(String token, long second) {
    }

    private final int blocks;
    private final long seconds;
    private final List<Block> written = new ArrayList<>();

    TokenWindow(int blocks, long seconds) {
        this.blocks = blocks;
        this.seconds = seconds;
    }

    boolean holds(String token) {
        if (written.isEmpty()) {
            return false;
        }
        long newest = written.get(written.size() - 1).second();
        return written.subList(Math.max(0, written.size() - blocks), written.size()).stream()
                .anyMatch(block -> block.token().equals(token) && block.second() >= newest - seconds);
    }

    void add(String token, long second) {
        written.add(new Block(token, second));
    }
}
