package dev.shardhouse.map.rowbinary;

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
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
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

    /** A single-quoted literal with backslash escapes, as ClickHouse quotes enum names and timezones. */
    String quoted() throws UnsupportedTypeException {
        expect('\'');
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\'') {
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

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private UnsupportedTypeException malformed(String expected) {
        return new UnsupportedTypeException("cannot read the type: expected " + expected + " at position " + pos);
    }
}
