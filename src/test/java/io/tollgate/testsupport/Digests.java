package io.tollgate.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers for bodies too large to keep: digests are computed while bytes stream by. */
public final class Digests {

    private Digests() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Reads a stream to its end; returns its length and SHA-256 without keeping the bytes. */
    public static Digested consume(InputStream in) throws IOException {
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[64 * 1024];
        long length = 0;
        try (in) {
            for (int n; (n = in.read(buffer)) != -1; length += n) {
                sha256.update(buffer, 0, n);
            }
        }
        return new Digested(length, hex(sha256));
    }

    /** A body's length and SHA-256 (hex). */
    public record Digested(long length, String sha256) {
    }
}
