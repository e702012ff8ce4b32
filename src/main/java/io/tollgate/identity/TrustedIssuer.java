package io.tollgate.identity;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.JWTProcessor;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * One issuer whose access tokens Tollgate accepts. Its signing keys are found through OpenID
 * discovery on first use and cached; a token signed with a key id not yet seen makes the key set be
 * fetched again (rate limited), so the issuer can rotate keys without Tollgate restarting.
 */
final class TrustedIssuer {

    /** Only asymmetric algorithms: an HMAC "signature" made with a public key proves nothing. */
    private static final Set<JWSAlgorithm> ACCEPTED_ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    /** Okta access tokens carry no typ, or Okta's own; generic ones may say JWT or at+jwt (RFC 9068). */
    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> TYPE_VERIFIER = new DefaultJOSEObjectTypeVerifier<>(
            null, JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"),
            new JOSEObjectType("application/okta-internal-at+jwt"));

    private final String issuer;
    private final IdentitySettings settings;
    private final HttpClient http;
    private volatile JWTProcessor<SecurityContext> processor;

    TrustedIssuer(String issuer, IdentitySettings settings, HttpClient http) {
        this.issuer = issuer;
        this.settings = settings;
        this.http = http;
    }

    String issuer() {
        return issuer;
    }

    JWTProcessor<SecurityContext> processor() throws IdentityProviderUnavailableException {
        JWTProcessor<SecurityContext> current = processor;
        if (current == null) {
            synchronized (this) {
                current = processor;
                if (current == null) {
                    current = newProcessor(discoverJwksUri());
                    processor = current;
                }
            }
        }
        return current;
    }

    private URL discoverJwksUri() throws IdentityProviderUnavailableException {
        URI discovery = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        try {
            HttpResponse<InputStream> response = http.send(
                    HttpRequest.newBuilder(discovery).timeout(settings.httpTimeout()).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body(); JsonReader reader = Json.createReader(body)) {
                if (response.statusCode() != 200) {
                    throw new IOException("discovery answered HTTP " + response.statusCode());
                }
                JsonObject document = reader.readObject();
                if (!issuer.equals(document.getString("issuer", null))) {
                    throw new IOException("discovery document names another issuer");
                }
                return URI.create(document.getString("jwks_uri")).toURL();
            }
        } catch (IOException | RuntimeException e) {
            throw new IdentityProviderUnavailableException(issuer, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdentityProviderUnavailableException(issuer, e);
        }
    }

    private JWTProcessor<SecurityContext> newProcessor(URL jwksUri) {
        int timeoutMillis = Math.toIntExact(settings.httpTimeout().toMillis());
        JWKSourceBuilder<SecurityContext> keys = JWKSourceBuilder.create(jwksUri,
                new DefaultResourceRetriever(timeoutMillis, timeoutMillis, 1024 * 1024));
        Duration refetch = settings.jwksRefetchInterval();
        JWKSource<SecurityContext> keySource = refetch.isZero()
                ? keys.rateLimited(false).build()
                : keys.rateLimited(refetch.toMillis()).build();

        DefaultJWTProcessor<SecurityContext> jwtProcessor = new DefaultJWTProcessor<>();
        jwtProcessor.setJWSTypeVerifier(TYPE_VERIFIER);
        jwtProcessor.setJWSKeySelector(new JWSVerificationKeySelector<>(ACCEPTED_ALGORITHMS, keySource));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new HashSet<>(settings.audiences()),
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "iat", "exp"),
                null);
        claims.setMaxClockSkew(Math.toIntExact(settings.clockSkew().toSeconds()));
        jwtProcessor.setJWTClaimsSetVerifier(claims);
        return jwtProcessor;
    }
}
