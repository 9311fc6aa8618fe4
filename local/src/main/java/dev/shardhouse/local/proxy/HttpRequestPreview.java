package dev.shardhouse.local.proxy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The start of one HTTP/1.1 request as the proxy read it: its head and the first bytes of its body, enough to tell
 * which statement it carries (client-v2 puts an insert's statement and every query parameter in the URL, other
 * statements in the body).
 *
 * @param bytes       everything read so far, head first
 * @param headLength  bytes of the head, its blank line included; -1 while the head is incomplete
 */
public record HttpRequestPreview(byte[] bytes, int headLength) {

    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    public static HttpRequestPreview of(byte[] bytes) {
        int end = indexOf(bytes, HEAD_END);
        return new HttpRequestPreview(bytes, end < 0 ? -1 : end + HEAD_END.length);
    }

    public boolean headComplete() {
        return headLength >= 0;
    }

    public int bodyPreviewLength() {
        return headComplete() ? bytes.length - headLength : 0;
    }

    /** Whether the whole body has been read: its Content-Length reached, its last chunk seen, or no body at all. */
    public boolean bodyComplete() {
        if (!headComplete()) {
            return false;
        }
        String head = head().toLowerCase(Locale.ROOT);
        int length = head.indexOf("\r\ncontent-length:");
        if (length >= 0) {
            int end = head.indexOf("\r\n", length + 2);
            return bodyPreviewLength() >= Long.parseLong(head.substring(length + 17, end).strip());
        }
        if (head.contains("\r\ntransfer-encoding: chunked")) {
            return endsWith(bytes, LAST_CHUNK);
        }
        return true;
    }

    public String head() {
        return new String(bytes, 0, headComplete() ? headLength : bytes.length, StandardCharsets.ISO_8859_1);
    }

    /**
     * The request line's target URL-decoded, then the body's first bytes: the text a fault's trigger looks for a
     * statement or parameter in.
     */
    public String text() {
        String head = head();
        int lineEnd = head.indexOf("\r\n");
        String requestLine = lineEnd < 0 ? head : head.substring(0, lineEnd);
        String target;
        try {
            target = URLDecoder.decode(requestLine, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            target = requestLine;
        }
        return target + "\n" + new String(bytes, Math.max(0, headLength), bodyPreviewLength(), StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean endsWith(byte[] bytes, byte[] suffix) {
        return bytes.length >= suffix.length
                && Arrays.equals(bytes, bytes.length - suffix.length, bytes.length, suffix, 0, suffix.length);
    }
}
