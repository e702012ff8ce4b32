package io.tollgate.identity;

import java.time.Instant;
import java.util.List;

/**
 * The verified claims of an agent's access token, captured per request. The token itself is never
 * kept: only what it proved.
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
        Instant expiresAt) {

    public AgentIdentity {
        audience = List.copyOf(audience);
        scopes = List.copyOf(scopes);
        groups = List.copyOf(groups);
    }

    public boolean isMemberOfAny(java.util.Collection<String> candidateGroups) {
        return candidateGroups.stream().anyMatch(groups::contains);
    }
}
