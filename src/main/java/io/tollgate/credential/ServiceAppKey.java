package io.tollgate.credential;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service app's private key, with which Tollgate signs its client assertions: RSA (2048 bits or
 * more, signing RS256) or EC P-256 (ES256), given as a private JWK or as PEM (PKCS#8
 * {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}). It keeps the
 * text it was made from, for the vault, and never shows it: {@link #toString()} is redacted.
 */
public final class ServiceAppKey {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");
    /** AlgorithmIdentifier rsaEncryption with NULL parameters, DER. */
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
    /** AlgorithmIdentifier id-ecPublicKey with the named curve prime256v1, DER. */
    private static final byte[] P256_ALGORITHM = hex("301306072a8648ce3d020106082a8648ce3d030107");

    private final String text;
    private final PrivateKey privateKey;
    private final JWSAlgorithm algorithm;
    private final String keyId;

    private ServiceAppKey(String text, PrivateKey privateKey, String keyId) {
        this.text = text;
        this.privateKey = privateKey;
        this.keyId = keyId;
        if (privateKey instanceof RSAPrivateKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw new IllegalArgumentException("an RSA key must have at least 2048 bits");
            }
            this.algorithm = JWSAlgorithm.RS256;
        } else if (privateKey instanceof ECPrivateKey ec && Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
            this.algorithm = JWSAlgorithm.ES256;
        } else {
            throw new IllegalArgumentException("the key must be RSA (RS256) or EC on the P-256 curve (ES256)");
        }
    }

    /**
     * Reads a private key given as a JWK (JSON) or PEM.
     *
     * @param keyId the {@code kid} to name in client assertions; a JWK's own {@code kid} when null
     * @throws IllegalArgumentException saying what is wrong, never quoting the key
     */
    public static ServiceAppKey parse(String text, String keyId) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a private key is required");
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            return fromJwk(trimmed, keyId);
        }
        Matcher pem = PEM.matcher(trimmed);
        if (!pem.matches()) {
            throw new IllegalArgumentException("the private key must be a JWK or one PEM block");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM block is not valid base64");
        }
        byte[] pkcs8 = switch (pem.group(1)) {
            case "PRIVATE KEY" -> der;
            case "RSA PRIVATE KEY" -> pkcs8(RSA_ALGORITHM, der);
            case "EC PRIVATE KEY" -> pkcs8(P256_ALGORITHM, der);
            default -> throw new IllegalArgumentException("PEM blocks of type " + pem.group(1)
                    + " are not private keys; give PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY");
        };
        return new ServiceAppKey(trimmed, privateKey(pkcs8), emptyToNull(keyId));
    }

    private static ServiceAppKey fromJwk(String json, String keyId) {
        try {
            JWK jwk = JWK.parse(json);
            if (!jwk.isPrivate()) {
                throw new IllegalArgumentException("the JWK holds no private key");
            }
            PrivateKey key;
            if (jwk instanceof RSAKey rsa) {
                key = rsa.toPrivateKey();
            } else if (jwk instanceof ECKey ec) {
                key = ec.toPrivateKey();
            } else {
                throw new IllegalArgumentException("the JWK must be of type RSA or EC");
            }
            return new ServiceAppKey(json, key, keyId != null && !keyId.isBlank() ? keyId : jwk.getKeyID());
        } catch (ParseException | JOSEException e) {
            throw new IllegalArgumentException("the private key is not a valid JWK");
        }
    }

    private static PrivateKey privateKey(byte[] pkcs8) {
        for (String algorithm : new String[]{"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next
            }
        }
        throw new IllegalArgumentException("the PEM block is not an RSA or EC private key");
    }

    /* PrivateKeyInfo ::= SEQUENCE { version INTEGER 0, algorithm AlgorithmIdentifier, privateKey OCTET STRING } */
    private static byte[] pkcs8(byte[] algorithm, byte[] key) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[]{0x02, 0x01, 0x00});
        body.writeBytes(algorithm);
        body.writeBytes(derElement(0x04, key));
        return derElement(0x30, body.toByteArray());
    }

    private static byte[] derElement(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
            out.write(0x80 | bytes);
            for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public JWSAlgorithm algorithm() {
        return algorithm;
    }

    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    JWSSigner signer() {
        try {
            return algorithm == JWSAlgorithm.RS256 ? new RSASSASigner(privateKey) : new ECDSASigner((ECPrivateKey) privateKey);
        } catch (JOSEException e) {
            throw new IllegalStateException("an ES256 signer accepts every P-256 key", e);
        }
    }

    /** The key as it was given, for the vault to encrypt; nothing else may read it. */
    public String text() {
        return text;
    }

    /** The same key text and key id: the same key (a connection read again is still the same connection). */
    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceAppKey key && key.text.equals(text) && java.util.Objects.equals(key.keyId, keyId);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "ServiceAppKey[" + algorithm + (keyId == null ? "" : ", kid=" + keyId) + ", redacted]";
    }
}
