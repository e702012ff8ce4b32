package io.tollgate.sandbox.authorization;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox's authorization code flow with PKCE: a person signs in as a demo user for a public client. */
class AuthorizationCodeFlowTest {

    private static final String ISSUER = "http://localhost:9080/sandbox/okta/oauth2/default";
    private static final String REDIRECT = "http://localhost:9080/approvals/";
    private static final String VERIFIER = "a-verifier-of-at-least-43-characters-0123456789";

    private final AuthorizationServer server = new AuthorizationServer(ISSUER, SigningKey.generate(), ClientRegistry.of(List.of(
            new Client("approver-1", Optional.of("approver-1-secret"), List.of("okta.users.read"), List.of("tollgate-approvers"), Optional.empty()),
            new Client("tollgate-approvals", Optional.empty(), List.of("openid", "profile"), List.of(), Optional.empty(), List.of("/approvals/")))),
            Clock.systemUTC());
    private final AuthorizationEndpoint authorize = server.authorizationEndpoint();

    @Test
    void personSignsInAndTheClientRedeemsTheCodeOnceForTheirTokens() throws ParseException {
        String code = code(authorize.signIn(authorize.validate(request()), "approver-1"));
        JsonObject tokens = server.tokenEndpoint().token(null, redemption(code, VERIFIER));

        JWTClaimsSet access = SignedJWT.parse(tokens.getString("access_token")).getJWTClaimsSet();
        assertEquals("approver-1", access.getSubject());
        assertEquals("tollgate-approvals", access.getStringClaim("cid"));
        assertEquals(List.of("tollgate-approvers"), access.getStringListClaim("groups"));
        assertEquals(List.of("openid", "profile"), access.getStringListClaim("scp"));
        JWTClaimsSet id = SignedJWT.parse(tokens.getString("id_token")).getJWTClaimsSet();
        assertEquals(List.of("tollgate-approvals"), id.getAudience());
        assertEquals("n-1", id.getStringClaim("nonce"));

        OAuthException reused = assertThrows(OAuthException.class, () -> server.tokenEndpoint().token(null, redemption(code, VERIFIER)));
        assertEquals("invalid_grant", reused.error());
    }

    @Test
    void aWrongVerifierRedeemsNothing() {
        String code = code(authorize.signIn(authorize.validate(request()), "approver-1"));
        OAuthException refused = assertThrows(OAuthException.class,
                () -> server.tokenEndpoint().token(null, redemption(code, VERIFIER.replace('a', 'b'))));
        assertEquals("invalid_grant", refused.error());
        assertTrue(refused.description().contains("PKCE"));
    }

    @Test
    void anUnregisteredRedirectUriIsNeverRedirectedTo() {
        Map<String, String> request = request();
        request.put("redirect_uri", "https://attacker.example/approvals/");
        assertThrows(AuthorizationEndpoint.UntrustedRequestException.class, () -> authorize.validate(request));
    }

    @Test
    void withoutPkceTheClientIsSentBackWithAnError() {
        Map<String, String> request = request();
        request.remove("code_challenge");
        AuthorizationEndpoint.RedirectedErrorException refused =
                assertThrows(AuthorizationEndpoint.RedirectedErrorException.class, () -> authorize.validate(request));
        assertTrue(refused.location().toString().startsWith(REDIRECT + "?error=invalid_request"), refused.location()::toString);
        assertTrue(refused.location().toString().endsWith("&state=s-1"), refused.location()::toString);
    }

    @Test
    void onlyDemoUsersCanSignInNotTheBrowserApplication() {
        assertEquals(List.of("approver-1"), authorize.demoUsers().stream().map(Client::id).toList());
        URI back = assertThrows(AuthorizationEndpoint.RedirectedErrorException.class,
                () -> authorize.signIn(authorize.validate(request()), "tollgate-approvals")).location();
        assertFalse(back.getQuery().contains("code="), back::toString);
    }

    private static Map<String, String> request() {
        Map<String, String> request = new HashMap<>(Map.of("response_type", "code", "client_id", "tollgate-approvals",
                "redirect_uri", REDIRECT, "scope", "openid profile", "state", "s-1", "nonce", "n-1",
                "code_challenge", challenge(VERIFIER), "code_challenge_method", "S256"));
        return request;
    }

    private static Map<String, String> redemption(String code, String verifier) {
        return Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "client_id", "tollgate-approvals", "code_verifier", verifier);
    }

    private static String code(URI back) {
        assertTrue(back.toString().startsWith(REDIRECT + "?code="), back::toString);
        assertTrue(back.toString().endsWith("&state=s-1"), back::toString);
        return back.getQuery().split("&")[0].substring("code=".length());
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
