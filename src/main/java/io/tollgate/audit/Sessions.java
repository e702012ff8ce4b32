package io.tollgate.audit;

import io.tollgate.common.Sha256;
import io.tollgate.identity.AgentIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Sessions are the exchanges of one agent under one token, in order. A session's id is derived
 * from the token's issuer and id (or, for tokens without {@code jti}, its subject and issue time),
 * so it is stable across servers and reveals nothing about the token. Every read first waits for
 * the records this server has queued, so it shows each exchange with the outcome its agent got.
 */
@ApplicationScoped
public class Sessions {

    @Inject
    ExchangeJournal journal;

    @PersistenceContext(unitName = "tollgate")
    EntityManager entityManager;

    public static String idOf(AgentIdentity identity) {
        String token = identity.tokenId() != null
                ? "jti:" + identity.tokenId()
                : "sub:" + identity.subject() + "@" + identity.issuedAt().getEpochSecond();
        byte[] digest = Sha256.digest((identity.issuer() + "\n" + token).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    /** Newest first; every filter is optional. */
    public List<SessionSummary> find(String subject, String connection, int limit) {
        journal.awaitQueued();
        StringBuilder jpql = new StringBuilder("SELECT e.sessionId, MIN(e.issuer), MIN(e.subject), MIN(e.clientId), MIN(e.tokenId), "
                + "MIN(e.receivedAt), MAX(e.receivedAt), COUNT(e) FROM Exchange e WHERE e.sessionId IS NOT NULL");
        if (subject != null) {
            jpql.append(" AND e.subject = :subject");
        }
        if (connection != null) {
            jpql.append(" AND e.connection = :connection");
        }
        jpql.append(" GROUP BY e.sessionId ORDER BY MAX(e.receivedAt) DESC");
        TypedQuery<Object[]> query = entityManager.createQuery(jpql.toString(), Object[].class);
        if (subject != null) {
            query.setParameter("subject", subject);
        }
        if (connection != null) {
            query.setParameter("connection", connection);
        }
        return query.setMaxResults(limit).getResultStream()
                .map(row -> new SessionSummary((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                        (String) row[4], instant(row[5]), instant(row[6]), ((Number) row[7]).longValue()))
                .toList();
    }

    /** Aggregates over a converted attribute may come back in the column's type. */
    private static Instant instant(Object value) {
        return value instanceof Timestamp timestamp ? timestamp.toInstant() : (Instant) value;
    }

    public Optional<List<Exchange>> exchangesOf(String sessionId) {
        journal.awaitQueued();
        List<Exchange> exchanges = entityManager.createNamedQuery(Exchange.OF_SESSION, Exchange.class)
                .setParameter("session", sessionId)
                .getResultList();
        return exchanges.isEmpty() ? Optional.empty() : Optional.of(exchanges);
    }
}
