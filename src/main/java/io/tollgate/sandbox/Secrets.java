package io.tollgate.sandbox;

import io.tollgate.common.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

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
        return MessageDigest.isEqual(Sha256.digest(given.getBytes(StandardCharsets.UTF_8)), Sha256.digest(expected.getBytes(StandardCharsets.UTF_8)));
    }
}
