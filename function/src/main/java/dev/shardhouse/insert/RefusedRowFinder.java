package dev.shardhouse.insert;

import dev.shardhouse.map.RowLayout;
import java.util.List;
import java.util.Map;

/** Finds the rows the target table refuses on their own without writing any: {@link RefusedRows}, or a simulation. */
public interface RefusedRowFinder {

    /**
     * @param layout the columns and types {@code rows} were mapped for
     * @return the ordinal and reason of every row the table refuses on its own; empty when none is
     * @throws IllegalStateException if the search fails other than by refusing rows
     */
    Map<Integer, String> find(RowLayout layout, List<TargetRow> rows);
}
