package io.tollgate.credential;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.connection.ServiceAppCredential;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Tollgate signed in as one connection's OAuth 2.0 service app: fetches access tokens with the
 * client credentials grant and a {@code private_key_jwt} client assertion, caches them per scope
 * set, and speaks DPoP as Okta does. The first token request goes without a proof; an
 * {@code invalid_dpop_proof} answer says the server wants DPoP, and from then on every request
 * (to the token endpoint and upstream) carries a fresh proof. A {@code use_dpop_nonce} answer, or
 * a {@code DPoP-Nonce} header on any answer, gives the nonce to put in the next proofs: the nonce
 * is kept per server (authorization server, upstream) and replaced whenever a new one comes.
 * Safe for concurrent use.
 */
final class ServiceAppSession {

    private static final Logger LOG = Logger.getLogger(ServiceAppSession.class.getName());
    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** Okta accepts client assertions of up to an hour; a short one is worth less if it leaks. */
    private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(5);
    /** No proof, then no nonce, then the token: a further refusal is not a handshake any more. */
    private static final int MAX_TOKEN_ATTEMPTS = 3;
    private static final int MAX_ERROR_TEXT = 200;

    private final ServiceAppCredential credential;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final DPoPKey dpopKey = new DPoPKey();
    private final TokenCache tokens;
    private volatile boolean dpop;
    private volatile String tokenNonce;
    private volatile String upstreamNonce;

    ServiceAppSession(ServiceAppCredential credential, HttpClient http, Duration timeout, Clock clock, Duration refreshMargin) {
        this.credential = credential;
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
        this.tokens = new TokenCache(clock, refreshMargin);
    }

    ServiceAppCredential credential() {
        return credential;
    }

    /** A token with exactly these scopes, not used beyond {@code notAfter} (the causing grant's end) when given. */
    UpstreamToken token(SortedSet<String> scopes, Instant notAfter) throws UpstreamCredentialException {
        return tokens.token(scopes, notAfter, this::fetch);
    }

    /** The headers that authorize one upstream request with this token: {@code Authorization} and, for DPoP, a fresh {@code DPoP} proof. */
    Map<String, String> headers(UpstreamToken token, String method, URI uri) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token.dpopBound()) {
            headers.put("Authorization", "DPoP " + token.value());
            headers.put("DPoP", dpopKey.proof(method, uri, upstreamNonce, token.value(), clock.instant()));
        } else {
            headers.put("Authorization", "Bearer " + token.value());
        }
        return headers;
    }

    /** The upstream's answer named a new DPoP nonce. */
    void upstreamNonce(String nonce) {
        if (nonce != null && !nonce.isBlank()) {
            upstreamNonce = nonce.strip();
        }
    }

    /**
     * The upstream refused the token (401). A nonce challenge keeps the token and takes the nonce;
     * anything else drops the token so the next request fetches a fresh one.
     *
     * @return whether sending the request once more can succeed
     */
    boolean refused(SortedSet<String> scopes, UpstreamToken token, String challenge, String nonce) {
        upstreamNonce(nonce);
        if (challenge != null && challenge.contains("use_dpop_nonce")) {
            return nonce != null && !nonce.isBlank();
        }
        tokens.invalidate(scopes, token);
        return true;
    }

    private UpstreamToken fetch(SortedSet<String> scopes) throws UpstreamCredentialException {
        String scope = String.join(" ", scopes);
        for (int attempt = 1; attempt <= MAX_TOKEN_ATTEMPTS; attempt++) {
            HttpResponse<String> response = post(scope);
            response.headers().firstValue("DPoP-Nonce").filter(nonce -> !nonce.isBlank()).ifPresent(nonce -> tokenNonce = nonce.strip());
            JsonObject body = json(response);
            if (response.statusCode() == 200) {
                return token(body, scopes);
            }
            String error = string(body, "error");
            if ("use_dpop_nonce".equals(error) && response.headers().firstValue("DPoP-Nonce").isPresent()) {
                continue;
            }
            if ("invalid_dpop_proof".equals(error) && !dpop) {
                LOG.fine(() -> "The token endpoint of client " + credential.clientId() + " wants DPoP");
                dpop = true;
                continue;
            }
            throw new UpstreamCredentialException("the token endpoint " + credential.tokenUri() + " refused client "
                    + credential.clientId() + " (HTTP " + response.statusCode() + (error == null ? "" : ", " + error)
                    + describe(body) + ")");
        }
        throw new UpstreamCredentialException("the token endpoint " + credential.tokenUri()
                + " did not complete the DPoP handshake within " + MAX_TOKEN_ATTEMPTS + " requests");
    }

    private HttpResponse<String> post(String scope) throws UpstreamCredentialException {
        String form = "grant_type=client_credentials"
                + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
                + "&client_assertion_type=" + URLEncoder.encode(JWT_BEARER, StandardCharsets.UTF_8)
                + "&client_assertion=" + clientAssertion();
        HttpRequest.Builder request = HttpRequest.newBuilder(credential.tokenUri())
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (dpop) {
            request.header("DPoP", dpopKey.proof("POST", credential.tokenUri(), tokenNonce, null, clock.instant()));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UpstreamCredentialException("the token endpoint " + credential.tokenUri() + " cannot be reached: "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamCredentialException("interrupted while fetching an upstream token", e);
        }
    }

    /** RFC 7523: {@code iss} = {@code sub} = client id, {@code aud} = the token endpoint, unique {@code jti}, short-lived. */
    private String clientAssertion() {
        Instant now = clock.instant();
        JWSHeader.Builder header = new JWSHeader.Builder(credential.key().algorithm()).type(JOSEObjectType.JWT);
        credential.key().keyId().ifPresent(header::keyID);
        SignedJWT assertion = new SignedJWT(header.build(), new JWTClaimsSet.Builder()
                .issuer(credential.clientId())
                .subject(credential.clientId())
                .audience(credential.tokenUri().toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
                .build());
        try {
            assertion.sign(credential.key().signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("the service app key cannot sign: " + e.getClass().getSimpleName());
        }
        return assertion.serialize();
    }

    private UpstreamToken token(JsonObject body, SortedSet<String> requested) throws UpstreamCredentialException {
        String value = string(body, "access_token");
        String type = string(body, "token_type");
        JsonValue expiresIn = body.get("expires_in");
        if (value == null || type == null || !(expiresIn instanceof JsonNumber seconds) || seconds.longValue() <= 0) {
            throw new UpstreamCredentialException("the token endpoint " + credential.tokenUri()
                    + " answered without access_token, token_type or a positive expires_in");
        }
        if (!type.equalsIgnoreCase("DPoP") && !type.equalsIgnoreCase("Bearer")) {
            throw new UpstreamCredentialException("the token endpoint issued a token of unknown type " + type);
        }
        String granted = string(body, "scope");
        Set<String> scopes = granted == null ? requested : new LinkedHashSet<>(Arrays.asList(granted.trim().split(" +")));
        return new UpstreamToken(value, type.equalsIgnoreCase("DPoP") ? "DPoP" : "Bearer", scopes,
                clock.instant().plusSeconds(seconds.longValue()));
    }

    private static JsonObject json(HttpResponse<String> response) throws UpstreamCredentialException {
        try {
            return Json.createReader(new StringReader(response.body())).readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new UpstreamCredentialException("the token endpoint answered HTTP " + response.statusCode() + " without a JSON object");
        }
    }

    private static String string(JsonObject body, String name) {
        return body.get(name) instanceof JsonString text ? text.getString() : null;
    }

    private static String describe(JsonObject body) {
        String description = string(body, "error_description");
        if (description == null) {
            return "";
        }
        String printable = description.chars().filter(c -> c >= ' ' && c <= '~')
                .mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining());
        return ": " + (printable.length() > MAX_ERROR_TEXT ? printable.substring(0, MAX_ERROR_TEXT) + "..." : printable);
    }
}
