package io.tollgate.identity;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The verified claims of an agent's access token, captured per request. The token itself is never
 * kept: only what it proved. A value, like a record; a class only so that it can carry its
 * {@link #claims()}, which policies match on every request and which are worked out once, when the
 * token is verified (the verifier hands the same identity to every request with that token).
 */
public final class AgentIdentity {

    private final String issuer;
    private final String subject;
    private final String clientId;
    private final List<String> audience;
    private final List<String> scopes;
    private final List<String> groups;
    private final String tokenId;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final Map<String, Object> otherClaims;
    private final IdentityClaims claims;

    /**
     * @param otherClaims the token's remaining claims (strings, numbers, booleans, lists of them), for
     *                    policies that match on claims Tollgate does not model
     */
    public AgentIdentity(String issuer, String subject, String clientId, List<String> audience, List<String> scopes,
                         List<String> groups, String tokenId, Instant issuedAt, Instant expiresAt, Map<String, Object> otherClaims) {
        this.issuer = issuer;
        this.subject = subject;
        this.clientId = clientId;
        this.audience = List.copyOf(audience);
        this.scopes = List.copyOf(scopes);
        this.groups = List.copyOf(groups);
        this.tokenId = tokenId;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.otherClaims = Map.copyOf(otherClaims);
        this.claims = IdentityClaims.of(this, this.otherClaims);
    }

    public String issuer() {
        return issuer;
    }

    public String subject() {
        return subject;
    }

    public String clientId() {
        return clientId;
    }

    public List<String> audience() {
        return audience;
    }

    public List<String> scopes() {
        return scopes;
    }

    public List<String> groups() {
        return groups;
    }

    public String tokenId() {
        return tokenId;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Map<String, Object> otherClaims() {
        return otherClaims;
    }

    /** Every claim of the token, as policies match them. */
    public IdentityClaims claims() {
        return claims;
    }

    public boolean isMemberOfAny(Collection<String> candidateGroups) {
        return candidateGroups.stream().anyMatch(groups::contains);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AgentIdentity that && Objects.equals(issuer, that.issuer) && Objects.equals(subject, that.subject)
                && Objects.equals(clientId, that.clientId) && audience.equals(that.audience) && scopes.equals(that.scopes)
                && groups.equals(that.groups) && Objects.equals(tokenId, that.tokenId) && Objects.equals(issuedAt, that.issuedAt)
                && Objects.equals(expiresAt, that.expiresAt) && otherClaims.equals(that.otherClaims);
    }

    @Override
    public int hashCode() {
        return Objects.hash(issuer, subject, clientId, audience, scopes, groups, tokenId, issuedAt, expiresAt, otherClaims);
    }

    @Override
    public String toString() {
        return "AgentIdentity[issuer=" + issuer + ", subject=" + subject + ", clientId=" + clientId + ", tokenId=" + tokenId + "]";
    }
}
