package io.tollgate.credential;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.connection.ServiceAppCredential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceAppSessionTest {

    private static final SortedSet<String> READ = new TreeSet<>(Set.of("okta.users.read"));
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private FakeTokenEndpoint endpoint;
    private MutableClock clock;
    private ServiceAppSession session;

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @BeforeEach
    void start() throws Exception {
        endpoint = new FakeTokenEndpoint();
        clock = new MutableClock();
        RSAKey key = new RSAKeyGenerator(2048).keyID("assertion-key").generate();
        ServiceAppCredential credential = new ServiceAppCredential("0oa-tollgate", ServiceAppKey.parse(key.toJSONString(), null),
                endpoint.uri(), List.of("okta.users.read"));
        session = new ServiceAppSession(credential, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                Duration.ofSeconds(30), clock, MARGIN);
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void detectsDpopTakesTheNonceAndSignsAFreshClientAssertionEachTime() throws Exception {
        UpstreamToken token = session.token(READ, null);

        assertTrue(token.dpopBound());
        List<FakeTokenEndpoint.Received> requests = endpoint.received();
        assertEquals(3, requests.size(), "no proof, no nonce, then the token");
        assertNull(requests.get(0).dpop());
        assertNull(requests.get(1).proof().getJWTClaimsSet().getStringClaim("nonce"));
        JWTClaimsSet proof = requests.get(2).proof().getJWTClaimsSet();
        assertEquals("nonce-1", proof.getStringClaim("nonce"));
        assertEquals("POST", proof.getStringClaim("htm"));
        assertEquals(endpoint.uri().toString(), proof.getStringClaim("htu"));
        assertEquals("dpop+jwt", requests.get(2).proof().getHeader().getType().toString());

        Set<String> assertionIds = new HashSet<>();
        for (FakeTokenEndpoint.Received request : requests) {
            assertEquals("client_credentials", request.form().get("grant_type"));
            assertEquals("okta.users.read", request.form().get("scope"));
            assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", request.form().get("client_assertion_type"));
            SignedJWT assertion = request.assertion();
            JWTClaimsSet claims = assertion.getJWTClaimsSet();
            assertEquals("0oa-tollgate", claims.getIssuer());
            assertEquals("0oa-tollgate", claims.getSubject());
            assertEquals(List.of(endpoint.uri().toString()), claims.getAudience());
            assertEquals("RS256", assertion.getHeader().getAlgorithm().getName());
            assertEquals("assertion-key", assertion.getHeader().getKeyID());
            assertTrue(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant())
                    .compareTo(Duration.ofMinutes(5)) <= 0, "a short-lived assertion");
            assertTrue(assertionIds.add(claims.getJWTID()), "every assertion has its own jti");
        }
    }

    @Test
    void aRotatedNonceIsTakenAndTheRequestRepeatedOnce() throws Exception {
        session.token(READ, null);
        endpoint.rotateNonce("nonce-2");

        session.token(new TreeSet<>(Set.of("okta.groups.read")), null);

        List<FakeTokenEndpoint.Received> requests = endpoint.received();
        assertEquals(5, requests.size(), "the stale nonce is refused once, then the new one is used");
        assertEquals("nonce-1", requests.get(3).proof().getJWTClaimsSet().getStringClaim("nonce"));
        assertEquals("nonce-2", requests.get(4).proof().getJWTClaimsSet().getStringClaim("nonce"));
        assertEquals(2, endpoint.tokensIssued());
    }

    @Test
    void aTokenIsReusedUntilShortlyBeforeItExpiresThenFetchedAgain() throws Exception {
        endpoint.lifetime(600);
        UpstreamToken first = session.token(READ, null);
        clock.advance(Duration.ofSeconds(600).minus(MARGIN).minusSeconds(1));
        assertSame(first, session.token(READ, null));

        clock.advance(Duration.ofSeconds(2));
        UpstreamToken second = session.token(READ, null);
        assertNotEquals(first.value(), second.value());
        assertEquals(2, endpoint.tokensIssued());
    }

    @Test
    void aTokenFetchedForAGrantIsNotUsedAfterTheGrantEnds() throws Exception {
        Instant grantEnds = clock.instant().plus(Duration.ofMinutes(5));
        UpstreamToken underGrant = session.token(READ, grantEnds);
        clock.advance(Duration.ofMinutes(4));
        assertSame(underGrant, session.token(READ, null));

        clock.advance(Duration.ofMinutes(1));
        assertNotEquals(underGrant.value(), session.token(READ, null).value(), "the token does not outlive its grant");
    }

    @Test
    void scopeSetsHaveTokensOfTheirOwn() throws Exception {
        UpstreamToken read = session.token(READ, null);
        UpstreamToken manage = session.token(new TreeSet<>(Set.of("okta.users.manage")), null);
        assertNotEquals(read.value(), manage.value());
        assertEquals("okta.users.manage", endpoint.received().get(endpoint.received().size() - 1).form().get("scope"));
    }

    @Test
    void concurrentMissesForOneScopeSetFetchOnce() throws Exception {
        int callers = 16;
        CountDownLatch release = endpoint.holdTokens();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<UpstreamToken>> tokens = new ArrayList<>();
            CountDownLatch started = new CountDownLatch(callers);
            for (int i = 0; i < callers; i++) {
                tokens.add(pool.submit(() -> {
                    started.countDown();
                    return session.token(READ, null);
                }));
            }
            started.await();
            release.countDown();
            Set<String> values = new HashSet<>();
            for (Future<UpstreamToken> token : tokens) {
                values.add(token.get().value());
            }
            assertEquals(1, values.size());
            assertEquals(1, endpoint.tokensIssued());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRefusedTokenIsReplacedOnceForAllTheRequestsThatHeldIt() throws Exception {
        UpstreamToken refused = session.token(READ, null);
        assertTrue(session.refused(READ, refused, "DPoP error=\"invalid_token\"", null));
        assertTrue(session.refused(READ, refused, "DPoP error=\"invalid_token\"", null));
        UpstreamToken renewed = session.token(READ, null);
        assertNotEquals(refused.value(), renewed.value());
        assertEquals(2, endpoint.tokensIssued());

        assertTrue(session.refused(READ, renewed, "DPoP error=\"use_dpop_nonce\"", "resource-nonce"),
                "a nonce challenge keeps the token and takes the nonce");
        assertSame(renewed, session.token(READ, null));
        Map<String, String> headers = session.headers(renewed, "GET", URI.create("http://upstream.example/api/v1/users?limit=2"));
        JWTClaimsSet proof = SignedJWT.parse(headers.get("DPoP")).getJWTClaimsSet();
        assertEquals("resource-nonce", proof.getStringClaim("nonce"));
        assertFalse(session.refused(READ, renewed, "DPoP error=\"use_dpop_nonce\"", null), "a nonce challenge without a nonce cannot be met");
    }

    @Test
    void everyUpstreamRequestGetsAFreshProofBoundToTheToken() throws Exception {
        UpstreamToken token = session.token(READ, null);
        URI uri = URI.create("http://upstream.example/api/v1/users?limit=2&after=x");
        Map<String, String> first = session.headers(token, "GET", uri);
        Map<String, String> second = session.headers(token, "GET", uri);

        assertEquals("DPoP " + token.value(), first.get("Authorization"));
        JWTClaimsSet one = SignedJWT.parse(first.get("DPoP")).getJWTClaimsSet();
        JWTClaimsSet two = SignedJWT.parse(second.get("DPoP")).getJWTClaimsSet();
        assertEquals("GET", one.getStringClaim("htm"));
        assertEquals("http://upstream.example/api/v1/users", one.getStringClaim("htu"), "htu without the query");
        assertEquals(DPoPKey.sha256(token.value()), one.getStringClaim("ath"));
        assertNotNull(one.getIssueTime());
        assertNotEquals(one.getJWTID(), two.getJWTID());
    }

    @Test
    void aRefusalThatIsNotPartOfTheHandshakeIsReportedWithoutSecrets() throws Exception {
        ServiceAppCredential wrong = new ServiceAppCredential("0oa-tollgate",
                ServiceAppKey.parse(new RSAKeyGenerator(2048).generate().toJSONString(), null),
                URI.create(endpoint.uri().toString().replace("/oauth2/v1/token", "/nowhere")), List.of("okta.users.read"));
        ServiceAppSession broken = new ServiceAppSession(wrong, HttpClient.newHttpClient(), Duration.ofSeconds(10), clock, MARGIN);
        UpstreamCredentialException refused = assertThrows(UpstreamCredentialException.class, () -> broken.token(READ, null));
        assertTrue(refused.getMessage().contains("404"), refused.getMessage());
        assertFalse(refused.getMessage().contains("client_assertion="), refused.getMessage());
    }
}
