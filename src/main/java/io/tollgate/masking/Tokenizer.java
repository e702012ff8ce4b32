package io.tollgate.masking;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Turns values into stable, keyed tokens for one connection: {@code tok_} and the base32 of the
 * first 10 bytes of HMAC-SHA256(connection key, value). The connection key is itself derived from
 * the configured master key and the connection's name, so the same value gets different tokens on
 * different connections and nobody without the master key can compute or reverse one.
 */
final class Tokenizer {

    static final String PREFIX = "tok_";
    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int TOKEN_BYTES = 10;

    private final SecretKeySpec key;

    private Tokenizer(byte[] connectionKey) {
        this.key = new SecretKeySpec(connectionKey, ALGORITHM);
    }

    static Tokenizer forConnection(byte[] masterKey, String connection) {
        return new Tokenizer(hmac(new SecretKeySpec(masterKey, ALGORITHM),
                ("tollgate masking token key v1:" + connection).getBytes(StandardCharsets.UTF_8)));
    }

    String token(String value) {
        byte[] mac = hmac(key, value.getBytes(StandardCharsets.UTF_8));
        return PREFIX + base32(mac, TOKEN_BYTES);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    /** RFC 4648 base32 without padding; {@code length} is a multiple of 5, so there is none to add. */
    private static String base32(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder(length * 8 / 5);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < length; i++) {
            buffer = (buffer << 8) | (bytes[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return out.toString();
    }
}
