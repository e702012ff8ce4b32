package io.tollgate.audit;

import java.time.Instant;

/** One session at a glance: whose, when, how many exchanges. */
public record SessionSummary(String id, String issuer, String subject, String clientId,
                             Instant firstExchangeAt, Instant lastExchangeAt, long exchanges) {
}
