package io.tollgate.credential;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.RecordedRequest;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.UpstreamStub;
import io.tollgate.testsupport.UpstreamStubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7, acceptance 2 and 3, seen from the upstream: an okta connection whose upstream is the
 * scripted stub and whose token endpoint is the sandbox's org authorization server (DPoP and its
 * nonce required). The stub sees {@code Authorization: DPoP} and a fresh proof per request, a
 * token carrying only the operation's scopes; concurrent first requests share one token; a 401
 * renews the token once for a GET and not at all for a POST; a nonce challenge is answered; a 429
 * comes back to the agent as it is.
 */
@ExtendWith(UpstreamStubExtension.class)
class ServiceAppUpstreamIT {

    private static final String POLICY = """
            version: 1
            description: Service app credential tests against the scripted upstream.
            rules:
              - name: users
                when:
                  identity: { groups: [agents-provisioning] }
                  request: { operations: [listUsers, getUser, createUser] }
                decision: allow
                reason: Test agents may manage users.
            """;

    private final String agent = TestTokens.agent("agents-provisioning").subject("cred-upstream-" + UUID.randomUUID()).mint();

    /** A fresh connection (so a fresh token cache) for a fresh service app, whose upstream is the stub. */
    private static Connected connect() {
        CredentialFixtures.ServiceApp app = CredentialFixtures.serviceApp("okta.users.read", "okta.users.manage");
        String name = CredentialFixtures.uniqueName("cred-stub");
        CredentialFixtures.connection(name, CredentialFixtures.serviceAppConnection(ItSettings.stubUpstreamBase(), "okta", app,
                CredentialFixtures.org() + "/oauth2/v1/token", "okta.users.read"), POLICY);
        return new Connected(name, app);
    }

    private record Connected(String name, CredentialFixtures.ServiceApp app) {
    }

    private HttpResponse<String> get(Connected connection, String pathAndQuery) {
        return Agent.send(Agent.to(connection.name(), pathAndQuery, agent).GET());
    }

    private static String token(RecordedRequest request) {
        String authorization = request.header("Authorization").orElseThrow();
        assertTrue(authorization.startsWith("DPoP "), authorization);
        return authorization.substring("DPoP ".length());
    }

    private static JWTClaimsSet proof(RecordedRequest request) throws Exception {
        SignedJWT proof = SignedJWT.parse(request.header("DPoP").orElseThrow());
        assertEquals("dpop+jwt", proof.getHeader().getType().toString());
        return proof.getJWTClaimsSet();
    }

    @Test
    void everyRequestCarriesTheDpopTokenForItsOperationAndAFreshProof(UpstreamStub stub) throws Exception {
        Connected connection = connect();
        stub.respondWith((request, reply) -> reply.send(200, "application/json", "[]"));

        assertEquals(200, get(connection, "/api/v1/users?limit=2").statusCode());
        assertEquals(200, get(connection, "/api/v1/users/00u1?expand=x").statusCode());
        assertEquals(200, get(connection, "/api/v1/users?limit=3").statusCode());

        List<RecordedRequest> received = stub.upstreamRequests();
        assertEquals(3, received.size());
        Set<String> proofIds = new HashSet<>();
        for (RecordedRequest request : received) {
            assertEquals(token(received.get(0)), token(request), "one cached token for the scope set");
            assertFalse(request.contains(agent), "the agent's own token never goes upstream");
            JWTClaimsSet proof = proof(request);
            assertEquals("GET", proof.getStringClaim("htm"));
            assertEquals("http://localhost:" + ItSettings.stubPort() + request.rawPath(), proof.getStringClaim("htu"), "htu without the query");
            assertEquals(DPoPKey.sha256(token(request)), proof.getStringClaim("ath"));
            assertTrue(proofIds.add(proof.getJWTID()), "a fresh proof for every request");
        }
        JWTClaimsSet accessToken = SignedJWT.parse(token(received.get(0))).getJWTClaimsSet();
        assertEquals(List.of("okta.users.read"), accessToken.getStringListClaim("scp"), "only the operation's scope");
        assertEquals(connection.app().clientId(), accessToken.getStringClaim("cid"));
        assertTrue(accessToken.getJSONObjectClaim("cnf").containsKey("jkt"), "the token is bound to Tollgate's DPoP key");
    }

    /**
     * Here the test plays the authorization server too (the stub's token endpoint runs Okta's DPoP
     * handshake), so that the token requests can be counted where they arrive, and the server's
     * threads are not also the ones answering its own token requests.
     */
    @Test
    void concurrentFirstRequestsForOneScopeSetProduceOneTokenRequest(UpstreamStub stub) throws Exception {
        CredentialFixtures.ServiceApp app = CredentialFixtures.serviceApp();
        String name = CredentialFixtures.uniqueName("cred-burst");
        String tokenPath = "/oauth2/v1/token";
        CredentialFixtures.connection(name, CredentialFixtures.serviceAppConnection(ItSettings.stubUpstreamBase(), "okta", app,
                ItSettings.stubUpstreamBase() + tokenPath, "okta.users.read"), POLICY);
        AtomicInteger issued = new AtomicInteger();
        stub.respondWith((request, reply) -> {
            if (!request.rawPath().endsWith(tokenPath)) {
                reply.send(200, "application/json", "[]");
            } else if (request.header("DPoP").isEmpty()) {
                reply.send(400, "application/json", "{\"error\":\"invalid_dpop_proof\"}");
            } else if (!request.bodyText().contains("scope=okta.users.read&")) {
                reply.send(400, "application/json", "{\"error\":\"invalid_scope\"}");
            } else if (!nonceIs(request, "stub-nonce")) {
                reply.header("DPoP-Nonce", "stub-nonce").send(400, "application/json", "{\"error\":\"use_dpop_nonce\"}");
            } else {
                reply.send(200, "application/json", "{\"token_type\":\"DPoP\",\"expires_in\":3600,\"access_token\":\"stub-token-"
                        + issued.incrementAndGet() + "\",\"scope\":\"okta.users.read\"}");
            }
        });
        int agents = 8;
        ExecutorService pool = Executors.newFixedThreadPool(agents);
        try {
            CountDownLatch ready = new CountDownLatch(agents);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return Agent.send(Agent.to(name, "/api/v1/users?limit=1", agent).GET());
                }));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(2, TimeUnit.MINUTES);
                assertEquals(200, response.statusCode(), response::body);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, issued.get(), "one token request got a token");
        List<RecordedRequest> resources = stub.upstreamRequests().stream().filter(request -> !request.rawPath().endsWith(tokenPath)).toList();
        assertEquals(agents, resources.size());
        for (RecordedRequest resource : resources) {
            assertEquals("DPoP stub-token-1", resource.header("Authorization").orElseThrow());
            assertEquals(DPoPKey.sha256("stub-token-1"), proof(resource).getStringClaim("ath"));
        }
    }

    private static boolean nonceIs(RecordedRequest request, String nonce) {
        try {
            return nonce.equals(SignedJWT.parse(request.header("DPoP").orElseThrow()).getJWTClaimsSet().getStringClaim("nonce"));
        } catch (java.text.ParseException e) {
            return false;
        }
    }

    @Test
    void anUpstream401RenewsTheTokenOnceAndRetriesAGet(UpstreamStub stub) throws Exception {
        Connected connection = connect();
        AtomicInteger calls = new AtomicInteger();
        stub.respondWith((request, reply) -> {
            if (calls.incrementAndGet() == 1) {
                reply.header("WWW-Authenticate", "DPoP error=\"invalid_token\", error_description=\"The access token is invalid.\"")
                        .send(401, "application/json", "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\"}");
            } else {
                reply.send(200, "application/json", "[]");
            }
        });

        HttpResponse<String> answer = get(connection, "/api/v1/users?limit=1");

        assertEquals(200, answer.statusCode(), answer::body);
        List<RecordedRequest> received = stub.upstreamRequests();
        assertEquals(2, received.size(), "one retry");
        assertNotEquals(token(received.get(0)), token(received.get(1)), "the retry carries a renewed token");
        assertNotEquals(proof(received.get(0)).getJWTID(), proof(received.get(1)).getJWTID());
    }

    @Test
    void anUpstream401OnAPostGoesBackToTheAgentWithoutARetry(UpstreamStub stub) {
        Connected connection = connect();
        stub.respondWith((request, reply) -> reply.header("WWW-Authenticate", "DPoP error=\"invalid_token\"")
                .send(401, "application/json", "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\"}"));

        HttpResponse<String> answer = Agent.send(Agent.to(connection.name(), "/api/v1/users?activate=false", agent)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"profile\":{\"login\":\"x@example.com\"}}")));

        assertEquals(401, answer.statusCode());
        assertEquals(1, stub.upstreamRequests().size(), "a POST is never sent twice");
        JWTClaimsSet token;
        try {
            token = SignedJWT.parse(token(stub.onlyUpstreamRequest())).getJWTClaimsSet();
            assertEquals(List.of("okta.users.manage"), token.getStringListClaim("scp"));
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anUpstreamNonceChallengeIsAnsweredWithTheNonceAndTheSameToken(UpstreamStub stub) throws Exception {
        Connected connection = connect();
        Set<String> nonces = ConcurrentHashMap.newKeySet();
        stub.respondWith((request, reply) -> {
            String nonce;
            try {
                nonce = SignedJWT.parse(request.header("DPoP").orElseThrow()).getJWTClaimsSet().getStringClaim("nonce");
            } catch (java.text.ParseException e) {
                throw new IllegalStateException(e);
            }
            if (nonce == null || !nonces.contains(nonce)) {
                String fresh = "upstream-nonce-" + UUID.randomUUID();
                nonces.add(fresh);
                reply.header("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\", error_description=\"Resource server requires nonce in DPoP proof\"")
                        .header("DPoP-Nonce", fresh).send(401, "application/json", "{}");
            } else {
                reply.send(200, "application/json", "[]");
            }
        });

        assertEquals(200, get(connection, "/api/v1/users?limit=1").statusCode());
        assertEquals(200, get(connection, "/api/v1/users?limit=1").statusCode());

        List<RecordedRequest> received = stub.upstreamRequests();
        assertEquals(3, received.size(), "challenged once, then the nonce is kept for later requests");
        assertEquals(token(received.get(0)), token(received.get(1)));
        assertTrue(nonces.contains(proof(received.get(1)).getStringClaim("nonce")));
        assertEquals(proof(received.get(1)).getStringClaim("nonce"), proof(received.get(2)).getStringClaim("nonce"));
    }

    @Test
    void anUpstream429ComesBackWithItsHeadersAndIsNotRetried(UpstreamStub stub) {
        Connected connection = connect();
        stub.respondWith((request, reply) -> reply.header("X-Rate-Limit-Limit", "600").header("X-Rate-Limit-Remaining", "0")
                .header("X-Rate-Limit-Reset", "1900000000")
                .send(429, "application/json", "{\"errorCode\":\"E0000047\",\"errorSummary\":\"API call exceeded rate limit due to too many requests.\"}"));

        HttpResponse<String> answer = get(connection, "/api/v1/users?limit=1");

        assertEquals(429, answer.statusCode());
        assertEquals("600", answer.headers().firstValue("X-Rate-Limit-Limit").orElseThrow());
        assertEquals("0", answer.headers().firstValue("X-Rate-Limit-Remaining").orElseThrow());
        assertEquals("1900000000", answer.headers().firstValue("X-Rate-Limit-Reset").orElseThrow());
        assertEquals(1, stub.upstreamRequests().size());
    }
}
