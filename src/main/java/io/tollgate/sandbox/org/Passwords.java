package io.tollgate.sandbox.org;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The sandbox keeps what it needs to check a password or a recovery answer, never the value: a
 * random salt and the SHA-256 of salt and value, as {@code salt$digest}. A sandbox holds demo
 * accounts only, so a fast digest is enough; what matters is that no value is stored or answered.
 */
final class Passwords {

    /** The digest of seeded users' passwords and answers: nobody knows them, and no value matches it. */
    static final String UNKNOWN = "unknown";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    static String hash(String value) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return encode(salt) + "$" + encode(digest(salt, value));
    }

    static boolean matches(String value, String hash) {
        if (value == null || hash == null) {
            return false;
        }
        int dollar = hash.indexOf('$');
        if (dollar < 0) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(hash.substring(0, dollar));
        byte[] expected = Base64.getDecoder().decode(hash.substring(dollar + 1));
        return MessageDigest.isEqual(expected, digest(salt, value));
    }

    private static byte[] digest(byte[] salt, String value) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java platform has SHA-256", impossible);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
