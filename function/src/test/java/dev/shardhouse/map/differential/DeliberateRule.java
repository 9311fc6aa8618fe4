package dev.shardhouse.map.differential;

import dev.shardhouse.map.RecordFormat;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One row of MAPPING.md's table of deliberate differences: the divergences it covers and the reason. A divergence is
 * covered when its type and value (the JSON literal) match the patterns whole, its format is listed, and each side did
 * what the row says ({@code stores} or {@code refuses}).
 */
record DeliberateRule(String id, Pattern type, Set<RecordFormat> formats, Pattern value, boolean shardhouseStores,
                      boolean clickHouseStores, String reason) {

    /**
     * Reads a table row: {@code | id | `type regex` | JSON, CSV, TSV | `value regex` | stores/refuses | stores/refuses |
     * why |}, with {@code \|} for a bar inside a cell.
     */
    static DeliberateRule parse(String row) {
        String[] cells = Arrays.stream(row.strip().replaceAll("^\\||\\|$", "").split("(?<!\\\\)\\|", -1))
                .map(cell -> cell.strip().replace("\\|", "|")).toArray(String[]::new);
        if (cells.length != 7) {
            throw new IllegalArgumentException("a rule has 7 cells, this has " + cells.length + ": " + row);
        }
        Set<RecordFormat> formats = EnumSet.noneOf(RecordFormat.class);
        for (String format : cells[2].split(",")) {
            formats.add(RecordFormat.valueOf(format.strip().toUpperCase(Locale.ROOT)));
        }
        return new DeliberateRule(cells[0], Pattern.compile(code(cells[1])), formats, Pattern.compile(code(cells[3])),
                stores(cells[4], row), stores(cells[5], row), cells[6]);
    }

    boolean covers(Divergence divergence) {
        return formats.contains(divergence.format())
                && type.matcher(divergence.diffCase().type()).matches()
                && value.matcher(divergence.diffCase().value()).matches()
                && shardhouseStores == divergence.shardhouse() instanceof Outcome.Stored
                && clickHouseStores == divergence.clickHouse() instanceof Outcome.Stored;
    }

    private static String code(String cell) {
        if (!cell.startsWith("`") || !cell.endsWith("`")) {
            throw new IllegalArgumentException("a pattern is written as code, in backticks: " + cell);
        }
        return cell.substring(1, cell.length() - 1);
    }

    private static boolean stores(String cell, String row) {
        return switch (cell) {
            case "stores" -> true;
            case "refuses" -> false;
            default -> throw new IllegalArgumentException("expected stores or refuses, got '" + cell + "' in " + row);
        };
    }
}
