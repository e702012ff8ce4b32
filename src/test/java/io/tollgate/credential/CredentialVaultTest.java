package io.tollgate.credential;

import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialVaultTest {

    private static final String SECRET = "00Real-Looking-Api-Token-That-Must-Not-Leak-0001";
    private static final String CONTEXT = "connection:okta:credential";

    private static SecretKey newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }

    @Test
    void sealedValuesHoldNoCleartextAndOpenInTheirContext() {
        CredentialVault vault = new CredentialVault(Map.of("k1", newKey()), "k1");
        String sealed = vault.seal(SECRET, CONTEXT);

        assertFalse(sealed.contains(SECRET));
        assertFalse(sealed.contains(Base64.getEncoder().encodeToString(SECRET.getBytes())));
        assertTrue(sealed.startsWith("v1.k1."), sealed);
        assertNotEquals(sealed, vault.seal(SECRET, CONTEXT), "a fresh IV every time");
        assertEquals(SECRET, vault.open(sealed, CONTEXT));
    }

    @Test
    void aValueMovedToAnotherRowOrTamperedWithDoesNotOpen() {
        CredentialVault vault = new CredentialVault(Map.of("k1", newKey()), "k1");
        String sealed = vault.seal(SECRET, CONTEXT);

        CredentialVault.VaultException moved = assertThrows(CredentialVault.VaultException.class,
                () -> vault.open(sealed, "connection:other:credential"));
        assertFalse(moved.getMessage().contains(SECRET));
        int at = sealed.length() - 10;
        String tampered = sealed.substring(0, at) + (sealed.charAt(at) == 'A' ? 'B' : 'A') + sealed.substring(at + 1);
        assertThrows(CredentialVault.VaultException.class, () -> vault.open(tampered, CONTEXT));
        assertThrows(CredentialVault.VaultException.class, () -> vault.open("plain text", CONTEXT));
    }

    @Test
    void rotationKeepsOldValuesReadableUntilSealedAgainThenTheOldKeyCanGo() {
        SecretKey first = newKey();
        SecretKey second = newKey();
        String sealedWithFirst = new CredentialVault(Map.of("k1", first), "k1").seal(SECRET, CONTEXT);

        CredentialVault rotating = new CredentialVault(Map.of("k1", first, "k2", second), "k2");
        assertEquals(SECRET, rotating.open(sealedWithFirst, CONTEXT));
        assertFalse(rotating.isCurrent(sealedWithFirst));
        String resealed = rotating.seal(rotating.open(sealedWithFirst, CONTEXT), CONTEXT);
        assertTrue(rotating.isCurrent(resealed));
        assertEquals("k2", CredentialVault.keyIdOf(resealed).orElseThrow());

        CredentialVault rotated = new CredentialVault(Map.of("k2", second), "k2");
        assertEquals(SECRET, rotated.open(resealed, CONTEXT));
        CredentialVault.VaultException gone = assertThrows(CredentialVault.VaultException.class,
                () -> rotated.open(sealedWithFirst, CONTEXT));
        assertTrue(gone.getMessage().contains("'k1'"), gone.getMessage());
    }

    @Test
    void aValueCannotBePassedOffAsSealedByAnotherKey() {
        SecretKey shared = newKey();
        CredentialVault vault = new CredentialVault(Map.of("k1", shared, "k2", shared), "k1");
        String sealed = vault.seal(SECRET, CONTEXT);
        assertThrows(CredentialVault.VaultException.class, () -> vault.open(sealed.replace("v1.k1.", "v1.k2."), CONTEXT));
    }

    @Test
    void refusesUnusableKeysAndAnUnknownActiveKey() {
        assertThrows(IllegalArgumentException.class, () -> new CredentialVault(Map.of("k1", newKey()), "k2"));
        assertThrows(IllegalArgumentException.class,
                () -> new CredentialVault(Map.of("k1", new SecretKeySpec(new byte[7], "AES")), "k1"));
        assertThrows(IllegalArgumentException.class, () -> new CredentialVault(Map.of("bad id", newKey()), "bad id"));
        SecretKey key = newKey();
        String shown = new CredentialVault(Map.of("k1", key), "k1").toString();
        assertFalse(shown.contains(Base64.getEncoder().withoutPadding().encodeToString(key.getEncoded())), "no key material in toString");
        assertFalse(shown.contains(Base64.getUrlEncoder().withoutPadding().encodeToString(key.getEncoded())), "no key material in toString");
    }
}
