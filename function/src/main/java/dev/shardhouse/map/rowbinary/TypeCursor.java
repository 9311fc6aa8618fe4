package dev.shardhouse.map.rowbinary;

import java.util.Optional;

/** Reads the tokens of a ClickHouse type string, as system.columns spells it. */
final class TypeCursor {

    private final String text;
    private int pos;

    TypeCursor(String text) {
        this.text = text;
    }

    /** A type name such as {@code Nullable} or {@code DateTime64}. */
    String name() throws UnsupportedTypeException {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw malformed("a type name");
        }
        return text.substring(start, pos);
    }

    boolean accept(char c) {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(char c) throws UnsupportedTypeException {
        if (!accept(c)) {
            throw malformed("'" + c + "'");
        }
    }

    long integer() throws UnsupportedTypeException {
        skipSpaces();
        int start = pos;
        if (pos < text.length() && text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        try {
            return Long.parseLong(text.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw malformed("a number");
        }
    }

    /**
     * The name of a Tuple element when one comes next ({@code a Int32}, {@code `a b` Int32}), read past; empty before
     * the type of an unnamed element ({@code Int32}, {@code Array(UInt8)}), which is left to read.
     */
    Optional<String> elementName() throws UnsupportedTypeException {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == '`') {
            return Optional.of(quoted('`'));
        }
        int start = pos;
        String word = name();
        skipSpaces();
        if (pos < text.length() && isNameChar(text.charAt(pos))) {
            return Optional.of(word);
        }
        pos = start;
        return Optional.empty();
    }

    /** Reads past a parenthesized argument list if one comes next, whatever it holds (quoted text included). */
    void skipArguments() throws UnsupportedTypeException {
        if (!accept('(')) {
            return;
        }
        for (int depth = 1; depth > 0; ) {
            if (pos == text.length()) {
                throw malformed("')'");
            }
            char c = text.charAt(pos);
            if (c == '\'' || c == '`') {
                quoted(c);
            } else {
                pos++;
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            }
        }
    }

    /** A single-quoted literal with backslash escapes, as ClickHouse quotes enum names and timezones. */
    String quoted() throws UnsupportedTypeException {
        return quoted('\'');
    }

    /** Text between {@code quote} characters (' for literals, ` for names) with backslash escapes. */
    private String quoted(char quote) throws UnsupportedTypeException {
        expect(quote);
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return value.toString();
            }
            if (c == '\\' && pos < text.length()) {
                char escaped = text.charAt(pos++);
                value.append(switch (escaped) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    default -> escaped;
                });
            } else {
                value.append(c);
            }
        }
        throw malformed("a closing quote");
    }

    void expectEnd() throws UnsupportedTypeException {
        skipSpaces();
        if (pos != text.length()) {
            throw malformed("the end of the type");
        }
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private UnsupportedTypeException malformed(String expected) {
        return new UnsupportedTypeException("cannot read the type: expected " + expected + " at position " + pos);
    }
}
