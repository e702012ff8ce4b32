package io.tollgate.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Verifies an agent's access token: a signed JWT from one of the trusted issuers, for an accepted
 * audience, within its lifetime (with a small clock skew), signed with an asymmetric key from the
 * issuer's JWKS. Anything else is refused; the token never appears in a message or a log.
 */
@ApplicationScoped
public class AgentTokenVerifier {

    private static final Logger LOG = Logger.getLogger(AgentTokenVerifier.class.getName());

    /** Compiled once: {@code String.split("\\s+")} would compile it again for every token. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    @Inject
    IdentitySettings settings;

    private Map<String, TrustedIssuer> issuers;
    private VerifiedTokens verified;

    @PostConstruct
    void init() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.httpTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        issuers = settings.issuers().stream()
                .map(issuer -> new TrustedIssuer(issuer, settings, http))
                .collect(Collectors.toUnmodifiableMap(TrustedIssuer::issuer, Function.identity()));
        verified = new VerifiedTokens(settings.verifiedTokenCache(), settings.clockSkew(), settings.verifiedTokenCacheSize());
        if (issuers.isEmpty()) {
            LOG.severe("tollgate.identity.issuers is not set: every proxied request will be refused");
        }
    }

    public AgentIdentity verify(String token) throws InvalidAgentTokenException, IdentityProviderUnavailableException {
        if (!verified.enabled()) {
            return verifySignedToken(token);
        }
        Instant now = Instant.now();
        Optional<AgentIdentity> known = verified.find(token, now);
        if (known.isPresent()) {
            return known.get();
        }
        AgentIdentity identity = verifySignedToken(token);
        verified.remember(token, identity, now);
        return identity;
    }

    private AgentIdentity verifySignedToken(String token) throws InvalidAgentTokenException, IdentityProviderUnavailableException {
        SignedJWT jwt = parseSigned(token);
        TrustedIssuer issuer = trustedIssuerOf(jwt);
        JWTClaimsSet claims;
        try {
            claims = issuer.processor().process(jwt, null);
        } catch (RateLimitReachedException e) {
            // An unknown key id while refetches are rate limited: the key is unknown, and that is the token's problem.
            throw new InvalidAgentTokenException("token signed with an unknown key");
        } catch (KeySourceException e) {
            throw new IdentityProviderUnavailableException(issuer.issuer(), e);
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidAgentTokenException("token rejected: " + e.getMessage());
        }
        Instant now = Instant.now();
        Instant issuedAt = claims.getIssueTime().toInstant();
        if (issuedAt.isAfter(now.plus(settings.clockSkew()))) {
            throw new InvalidAgentTokenException("token issued in the future");
        }
        return new AgentIdentity(
                claims.getIssuer(),
                claims.getSubject(),
                stringClaim(claims, "cid"),
                claims.getAudience(),
                scopes(claims),
                stringList(claims, "groups"),
                claims.getJWTID(),
                issuedAt,
                claims.getExpirationTime().toInstant(),
                otherClaims(claims));
    }

    private static SignedJWT parseSigned(String token) throws InvalidAgentTokenException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new InvalidAgentTokenException("malformed token");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new InvalidAgentTokenException("token is not signed");
        }
        return signed;
    }

    private TrustedIssuer trustedIssuerOf(SignedJWT jwt) throws InvalidAgentTokenException {
        String issuer;
        try {
            issuer = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new InvalidAgentTokenException("malformed token claims");
        }
        TrustedIssuer trusted = issuer == null ? null : issuers.get(issuer);
        if (trusted == null) {
            throw new InvalidAgentTokenException("token from an issuer that is not trusted");
        }
        return trusted;
    }

    private static final Set<String> MODELLED_CLAIMS = Set.of("iss", "sub", "cid", "aud", "scp", "scope", "groups", "jti",
            "iat", "exp", "nbf");

    /** Claims as plain values: strings, numbers, booleans and lists of them; dates and objects are left out. */
    private static Map<String, Object> otherClaims(JWTClaimsSet claims) {
        Map<String, Object> other = new HashMap<>();
        claims.getClaims().forEach((name, value) -> {
            if (!MODELLED_CLAIMS.contains(name) && isPlain(value)) {
                other.put(name, value instanceof List<?> list ? List.copyOf(list) : value);
            }
        });
        return other;
    }

    private static boolean isPlain(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().allMatch(element -> element instanceof String || element instanceof Number || element instanceof Boolean);
        }
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    /** Okta puts scopes in {@code scp} (a list); RFC 9068 tokens use {@code scope} (space separated). */
    private static List<String> scopes(JWTClaimsSet claims) throws InvalidAgentTokenException {
        List<String> scp = stringList(claims, "scp");
        if (!scp.isEmpty()) {
            return scp;
        }
        String scope = stringClaim(claims, "scope");
        return scope == null || scope.isBlank() ? List.of() : List.of(WHITESPACE.split(scope.trim()));
    }

    private static String stringClaim(JWTClaimsSet claims, String name) throws InvalidAgentTokenException {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw new InvalidAgentTokenException("claim " + name + " is not a string");
        }
    }

    private static List<String> stringList(JWTClaimsSet claims, String name) throws InvalidAgentTokenException {
        try {
            List<String> values = claims.getStringListClaim(name);
            return values == null ? List.of() : values;
        } catch (ParseException e) {
            throw new InvalidAgentTokenException("claim " + name + " is not a list of strings");
        }
    }
}
