package dev.shardhouse.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A ClickHouse database, table or column name that came from configuration or from the server.
 * Configuration names are validated (no SQL injection through a setting); every name is quoted with backticks.
 */
public final class Identifier {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,205}");

    private Identifier() {
    }

    /**
     * Checks a name taken from a setting: letters, digits and underscores, not starting with a digit.
     *
     * @throws ConfigException naming the setting and the expected form
     */
    public static String validate(String setting, String value) {
        if (value == null || !PLAIN.matcher(value).matches()) {
            throw new ConfigException(setting, value,
                    "a ClickHouse identifier: letters, digits and '_', not starting with a digit, at most 206 characters");
        }
        return value;
    }

    /** Backtick-quotes any name (server-provided column names may hold any character). */
    public static String quote(String name) {
        StringBuilder out = new StringBuilder(name.length() + 2).append('`');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '`' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('`').toString();
    }

    /** {@code `database`.`table`}. */
    public static String qualified(String database, String table) {
        return quote(database) + "." + quote(table);
    }

    /**
     * The database and table of a name as ClickHouse prints it in its messages: {@code db.t}, each part back-quoted
     * (backslash escapes inside) where it is not a plain identifier; empty if {@code printed} is not such a name.
     */
    public static Optional<List<String>> parseQualified(String printed) {
        List<String> parts = new ArrayList<>(2);
        int i = 0;
        while (parts.size() < 2) {
            StringBuilder part = new StringBuilder();
            if (i < printed.length() && printed.charAt(i) == '`') {
                for (i++; i < printed.length() && printed.charAt(i) != '`'; i++) {
                    if (printed.charAt(i) == '\\' && i + 1 < printed.length()) {
                        i++;
                    }
                    part.append(printed.charAt(i));
                }
                if (i++ >= printed.length()) {
                    return Optional.empty(); // no closing back quote
                }
            } else {
                for (; i < printed.length() && printed.charAt(i) != '.'; i++) {
                    part.append(printed.charAt(i));
                }
            }
            parts.add(part.toString());
            if (parts.size() == 1 && (i >= printed.length() || printed.charAt(i++) != '.')) {
                return Optional.empty();
            }
        }
        return i == printed.length() && !parts.get(0).isEmpty() && !parts.get(1).isEmpty()
                ? Optional.of(List.copyOf(parts)) : Optional.empty();
    }

    /**
     * An {@code Array(String)} of the values as ClickHouse reads it, in SQL or as a query parameter's value (the
     * client would send a list's toString, unquoted).
     */
    public static String arrayLiteral(List<String> values) {
        return values.stream().map(Identifier::literal).collect(Collectors.joining(",", "[", "]"));
    }

    /** A string literal for SQL text: single-quoted with quotes and backslashes escaped. */
    public static String literal(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('\'').toString();
    }
}
