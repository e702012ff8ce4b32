package io.tollgate.identity;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The verified claims of an agent's access token, captured per request. The token itself is never
 * kept: only what it proved.
 *
 * @param otherClaims the token's remaining claims (strings, numbers, booleans, lists of them), for
 *                    policies that match on claims Tollgate does not model
 */
public record AgentIdentity(
        String issuer,
        String subject,
        String clientId,
        List<String> audience,
        List<String> scopes,
        List<String> groups,
        String tokenId,
        Instant issuedAt,
        Instant expiresAt,
        Map<String, Object> otherClaims) {

    public AgentIdentity {
        audience = List.copyOf(audience);
        scopes = List.copyOf(scopes);
        groups = List.copyOf(groups);
        otherClaims = Map.copyOf(otherClaims);
    }

    public boolean isMemberOfAny(Collection<String> candidateGroups) {
        return candidateGroups.stream().anyMatch(groups::contains);
    }
}
