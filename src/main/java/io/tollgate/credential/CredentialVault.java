package io.tollgate.credential;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Encrypts upstream secrets and private keys for the database with AES-GCM. Each sealed value names
 * the key that sealed it ({@code v1.<keyId>.<iv>.<ciphertext+tag>}, base64url), so keys rotate
 * without downtime: new values are sealed with the active key, and a value sealed with an older key
 * stays readable for as long as that key is configured, until it is sealed again
 * ({@link #isCurrent(String)} says which need it). The context (which connection, which field) is
 * authenticated with the value, so a ciphertext copied into another row does not open there.
 * Instances are immutable and safe to share between threads.
 */
public final class CredentialVault {

    private static final String FORMAT = "v1";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<Integer> KEY_BYTES = Set.of(16, 24, 32);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    /**
     * @param keys        every key that may have sealed a stored value, by key id (AES, 128 to 256 bits)
     * @param activeKeyId the key new values are sealed with
     */
    public CredentialVault(Map<String, SecretKey> keys, String activeKeyId) {
        keys.forEach((id, key) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("vault key id '" + id + "' must be 1 to 64 letters, digits, '-' or '_'");
            }
            if (!"AES".equalsIgnoreCase(key.getAlgorithm()) || key.getEncoded() == null
                    || !KEY_BYTES.contains(key.getEncoded().length)) {
                throw new IllegalArgumentException("vault key '" + id + "' must be an AES key of 128, 192 or 256 bits");
            }
        });
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active vault key '" + activeKeyId + "' is not among the configured keys " + keys.keySet());
        }
        this.keys = Map.copyOf(new LinkedHashMap<>(keys));
        this.activeKeyId = activeKeyId;
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /** Encrypts a secret with the active key, bound to its context (e.g. {@code connection:okta:credential}). */
    public String seal(String secret, String context) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), iv, context, activeKeyId);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return FORMAT + "." + activeKeyId + "." + ENCODER.encodeToString(iv) + "." + ENCODER.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is available on every Java platform", e);
        }
    }

    /**
     * Decrypts a value sealed by {@link #seal} under the same context.
     *
     * @throws VaultException when the value is malformed, its key is not configured, or it was
     *                        changed or moved to another context; the message names no secret
     */
    public String open(String sealed, String context) {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.", -1);
        if (parts.length != 4 || !FORMAT.equals(parts[0])) {
            throw new VaultException("the stored value is not a sealed secret");
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new VaultException("the stored value was sealed with vault key '" + parts[1] + "', which is not configured");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, DECODER.decode(parts[2]), context, parts[1]);
            return new String(cipher.doFinal(DECODER.decode(parts[3])), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new VaultException("the stored value does not open with vault key '" + parts[1] + "' in its context");
        }
    }

    /** The id of the key a value was sealed with, if it is a sealed value at all. */
    public static Optional<String> keyIdOf(String sealed) {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.", -1);
        return parts.length == 4 && FORMAT.equals(parts[0]) ? Optional.of(parts[1]) : Optional.empty();
    }

    /** Whether a value is sealed with the active key (otherwise it should be sealed again). */
    public boolean isCurrent(String sealed) {
        return keyIdOf(sealed).filter(activeKeyId::equals).isPresent();
    }

    /* The key id is authenticated too: a value cannot be passed off as sealed by another key. */
    private static Cipher cipher(int mode, SecretKey key, byte[] iv, String context, String keyId) throws GeneralSecurityException {
        if (iv.length != IV_BYTES) {
            throw new GeneralSecurityException("wrong IV length");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD((FORMAT + "." + keyId + "." + context).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "CredentialVault[keys=" + keys.keySet() + ", active=" + activeKeyId + "]";
    }

    /** A sealed value cannot be opened; the message never holds a secret. */
    public static final class VaultException extends RuntimeException {

        public VaultException(String message) {
            super(message);
        }
    }
}
