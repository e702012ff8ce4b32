package io.tollgate.audit;

import java.time.Instant;

/** One session at a glance: whose (and under which token id, to match the IdP's logs), when, how many exchanges. */
public record SessionSummary(String id, String issuer, String subject, String clientId, String tokenId,
                             Instant firstExchangeAt, Instant lastExchangeAt, long exchanges) {
}
