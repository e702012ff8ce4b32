package io.tollgate.testsupport;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The integration tests trust each knob of {@link TestTokens} to break a token in exactly one
 * way; a knob that broke nothing would make a 401 test pass for the wrong reason or a 200 test
 * fail for one. Checked here with Nimbus against the issuer's published JWKS.
 */
class TestTokensTest {

    private static final Duration SKEW = Duration.ofSeconds(30);

    private final TestIssuer issuer = new TestIssuer("http://localhost:1/test-issuer");

    @Test
    void validTokenCarriesOktaClaimsAndVerifiesWithPublishedKey() throws Exception {
        SignedJWT jwt = SignedJWT.parse(TestTokens.agentOf(issuer, "agents-readonly").mint());

        assertTrue(jwt.verify(new RSASSAVerifier(published(jwt.getHeader().getKeyID()))));
        var claims = jwt.getJWTClaimsSet();
        assertAll(
                () -> assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm()),
                () -> assertEquals(issuer.issuer(), claims.getIssuer()),
                () -> assertEquals(List.of(TestTokens.AUDIENCE), claims.getAudience()),
                () -> assertEquals(List.of("agents-readonly"), claims.getStringListClaim("groups")),
                () -> assertNotNull(claims.getClaim("ver")),
                () -> assertNotNull(claims.getJWTID()),
                () -> assertNotNull(claims.getStringClaim("cid")),
                () -> assertEquals(claims.getStringClaim("cid"), claims.getSubject()),
                () -> assertFalse(claims.getStringListClaim("scp").isEmpty()),
                () -> assertTrue(claims.getIssueTime().toInstant().isBefore(Instant.now().plusSeconds(1))),
                () -> assertTrue(claims.getExpirationTime().toInstant().isAfter(Instant.now().plus(SKEW))));
    }

    @Test
    void expiredIsExpiredBeyondSkewAndOtherwiseValid() throws Exception {
        SignedJWT jwt = SignedJWT.parse(TestTokens.agentOf(issuer, "g").expired().mint());

        assertTrue(jwt.verify(new RSASSAVerifier(published(jwt.getHeader().getKeyID()))));
        assertTrue(jwt.getJWTClaimsSet().getExpirationTime().toInstant().isBefore(Instant.now().minus(SKEW)));
    }

    @Test
    void notYetValidStartsBeyondSkew() throws Exception {
        var claims = SignedJWT.parse(TestTokens.agentOf(issuer, "g").notYetValid().mint()).getJWTClaimsSet();

        Instant limit = Instant.now().plus(SKEW);
        assertTrue(claims.getNotBeforeTime().toInstant().isAfter(limit));
        assertTrue(claims.getIssueTime().toInstant().isAfter(limit));
        assertTrue(claims.getExpirationTime().toInstant().isAfter(claims.getNotBeforeTime().toInstant()));
    }

    @Test
    void forgedSignatureNamesPublishedKidButDoesNotVerify() throws Exception {
        SignedJWT jwt = SignedJWT.parse(TestTokens.agentOf(issuer, "g").forgedSignature().mint());

        assertEquals(issuer.signingKey().getKeyID(), jwt.getHeader().getKeyID());
        assertFalse(jwt.verify(new RSASSAVerifier(issuer.signingKey().toRSAPublicKey())));
    }

    @Test
    void unknownKeyHasKidOutsideJwks() throws Exception {
        SignedJWT jwt = SignedJWT.parse(TestTokens.agentOf(issuer, "g").signedWithUnknownKey().mint());

        assertNull(JWKSet.parse(issuer.jwks()).getKeyByKeyId(jwt.getHeader().getKeyID()));
    }

    @Test
    void unsignedIsAlgNone() throws Exception {
        JWT jwt = JWTParser.parse(TestTokens.agentOf(issuer, "g").unsigned().mint());

        assertInstanceOf(PlainJWT.class, jwt);
        assertEquals("none", jwt.getHeader().getAlgorithm().getName());
    }

    @Test
    void hmacIsKeyedWithThePublicKeyPem() throws Exception {
        SignedJWT jwt = SignedJWT.parse(TestTokens.agentOf(issuer, "g").hmacWithPublicKey().mint());
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(issuer.signingKey().toRSAPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";

        assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
        assertTrue(jwt.verify(new MACVerifier(pem.getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void malformedIsNoJwt() {
        assertThrows(ParseException.class, () -> JWTParser.parse(TestTokens.malformed()));
    }

    @Test
    void rotationPublishesNewKidAndKeepsOldOne() throws Exception {
        RSAKey before = issuer.signingKey();

        RSAKey after = issuer.rotate();

        assertNotEquals(before.getKeyID(), after.getKeyID());
        assertEquals(after, issuer.signingKey());
        JWKSet jwks = JWKSet.parse(issuer.jwks());
        assertNotNull(jwks.getKeyByKeyId(before.getKeyID()));
        assertNotNull(jwks.getKeyByKeyId(after.getKeyID()));
        assertTrue(jwks.getKeys().stream().noneMatch(JWK::isPrivate), "the JWKS publishes no private key");
        SignedJWT jwt = SignedJWT.parse(TestTokens.agentOf(issuer, "g").mint());
        assertEquals(after.getKeyID(), jwt.getHeader().getKeyID());
    }

    private RSAPublicKey published(String kid) throws Exception {
        return ((RSAKey) JWKSet.parse(issuer.jwks()).getKeyByKeyId(kid)).toRSAPublicKey();
    }
}
