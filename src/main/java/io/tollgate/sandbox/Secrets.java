package io.tollgate.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Comparing secrets (API tokens, client secrets) without telling a caller how close a guess came. */
public final class Secrets {

    private Secrets() {
    }

    /**
     * Compares in time independent of where the values differ: both sides are hashed first, so
     * neither the position of a difference nor the length shows in the timing.
     */
    public static boolean same(String given, String expected) {
        if (given == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(given), sha256(expected));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java platform has SHA-256", impossible);
        }
    }
}
