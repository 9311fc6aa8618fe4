package dev.shardhouse.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 for names that must not collide: deduplication tokens and definition fingerprints. */
public final class Sha256 {

    private Sha256() {
    }

    /** The first {@code bytes} bytes of the SHA-256 of the parts' UTF-8, in hex. */
    public static String hex(Iterable<String> parts, int bytes) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (String part : parts) {
            digest.update(part.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest(), 0, bytes);
    }
}
