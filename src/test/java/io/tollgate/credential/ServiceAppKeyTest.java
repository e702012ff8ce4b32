package io.tollgate.credential;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceAppKeyTest {

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Test
    void readsRsaAndEcKeysAsJwkOrPkcs8Pem() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();

        ServiceAppKey rsaJwk = ServiceAppKey.parse(rsa.toJSONString(), null);
        assertEquals(JWSAlgorithm.RS256, rsaJwk.algorithm());
        assertEquals("rsa-1", rsaJwk.keyId().orElseThrow());
        ServiceAppKey ecJwk = ServiceAppKey.parse(ec.toJSONString(), "chosen");
        assertEquals(JWSAlgorithm.ES256, ecJwk.algorithm());
        assertEquals("chosen", ecJwk.keyId().orElseThrow());

        assertEquals(JWSAlgorithm.RS256, ServiceAppKey.parse(pem("PRIVATE KEY", rsa.toPrivateKey().getEncoded()), null).algorithm());
        assertEquals(JWSAlgorithm.ES256, ServiceAppKey.parse(pem("PRIVATE KEY", ec.toPrivateKey().getEncoded()), "k").algorithm());
    }

    @Test
    void readsPkcs1RsaAndSec1EcPem() throws Exception {
        PrivateKey rsa = new RSAKeyGenerator(2048).generate().toPrivateKey();
        PrivateKey ec = new ECKeyGenerator(Curve.P_256).generate().toPrivateKey();
        // PKCS#8 wraps the PKCS#1 / SEC1 structure in its last element, an OCTET STRING.
        assertEquals(JWSAlgorithm.RS256, ServiceAppKey.parse(pem("RSA PRIVATE KEY", innerKey(rsa.getEncoded())), null).algorithm());
        assertEquals(JWSAlgorithm.ES256, ServiceAppKey.parse(pem("EC PRIVATE KEY", innerKey(ec.getEncoded())), null).algorithm());
    }

    @Test
    void refusesPublicWeakAndOtherCurveKeysWithoutQuotingThem() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        IllegalArgumentException publicOnly = assertThrows(IllegalArgumentException.class,
                () -> ServiceAppKey.parse(rsa.toPublicJWK().toJSONString(), null));
        assertFalse(publicOnly.getMessage().contains(rsa.getModulus().toString()));
        assertThrows(IllegalArgumentException.class,
                () -> ServiceAppKey.parse(new RSAKeyGenerator(1024, true).generate().toJSONString(), null));
        assertThrows(IllegalArgumentException.class,
                () -> ServiceAppKey.parse(new ECKeyGenerator(Curve.P_384).generate().toJSONString(), null));
        assertThrows(IllegalArgumentException.class, () -> ServiceAppKey.parse("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", null));
        assertThrows(IllegalArgumentException.class, () -> ServiceAppKey.parse("not a key", null));
    }

    @Test
    void neverShowsTheKey() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        ServiceAppKey key = ServiceAppKey.parse(rsa.toJSONString(), null);
        assertTrue(key.toString().contains("redacted"));
        assertFalse(key.toString().contains(rsa.getPrivateExponent().toString()));
    }

    /* The PKCS#8 encodings made by the JDK end with the OCTET STRING holding the inner key; find it by its length. */
    private static byte[] innerKey(byte[] pkcs8) {
        for (int at = 0; at < pkcs8.length - 4; at++) {
            if (pkcs8[at] != 0x04) {
                continue;
            }
            int length;
            int start;
            int first = pkcs8[at + 1] & 0xFF;
            if (first < 0x80) {
                length = first;
                start = at + 2;
            } else {
                int bytes = first & 0x7F;
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (pkcs8[at + 2 + i] & 0xFF);
                }
                start = at + 2 + bytes;
            }
            if (start + length == pkcs8.length && pkcs8[start] == 0x30) {
                return Arrays.copyOfRange(pkcs8, start, pkcs8.length);
            }
        }
        throw new AssertionError("no inner key found");
    }
}
