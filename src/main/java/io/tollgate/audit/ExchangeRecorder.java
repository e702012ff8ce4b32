package io.tollgate.audit;

import io.tollgate.identity.AgentIdentity;
import io.tollgate.policy.PolicyRule;
import io.tollgate.policy.catalog.Operation;
import io.tollgate.proxy.ForwardingResult;
import io.tollgate.proxy.ProxyExchange;
import io.tollgate.proxy.ProxyRefusal;
import io.tollgate.proxy.RecordedHeaders;
import io.tollgate.masking.BodyCapture;
import io.tollgate.masking.Maskings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Writes exchange records, each in its own transaction so that a record is committed (durable)
 * the moment its method returns, whatever the caller does next.
 */
@ApplicationScoped
public class ExchangeRecorder {

    @PersistenceContext(unitName = "tollgate")
    EntityManager entityManager;

    @Inject
    Maskings maskings;

    /** @return the id of the committed record */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public String begin(ProxyExchange exchange) {
        Exchange record = admitted(exchange);
        entityManager.persist(record);
        return record.id();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void completeForwarded(ProxyExchange exchange, ForwardingResult result) {
        long durationMillis = exchange.elapsedMillis();
        Exchange record = find(exchange.recordId());
        RecordedBody request = exchange.requestCapture().filter(capture -> capture.originalBytes() > 0)
                .map(capture -> requestBody(exchange, capture)).orElse(null);
        RecordedBody response = exchange.responseCapture().filter(capture -> capture.originalBytes() > 0)
                .map(capture -> new RecordedBody(textual(contentType(result)) ? utf8(capture.bytes()) : null,
                        capture.originalSha256(), capture.originalBytes(), capture.truncated()))
                .orElse(null);
        record.bodies(request, response, exchange.masked().byRule());
        record.answered(RecordedHeaders.toJson(result.responseHeaders()), result.oktaRequestId(), result.upstreamMillis());
        record.complete(result.completed() ? "forwarded" : "broken-off", null, result.upstreamStatus(),
                result.upstreamStatus(), result.responseBytes(), durationMillis, Instant.now());
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void completeRefused(String id, ProxyRefusal refusal, long durationMillis) {
        find(id).complete(refusal.outcome(), refusal.getMessage(), refusal.error().status(), null, null,
                durationMillis, Instant.now());
    }

    /** A request refused by policy, before anything went upstream. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordRefused(ProxyExchange exchange, ProxyRefusal refusal) {
        Exchange record = admitted(exchange);
        record.complete(refusal.outcome(), refusal.getMessage(), refusal.error().status(), null, null,
                exchange.elapsedMillis(), Instant.now());
        entityManager.persist(record);
    }

    private static Exchange admitted(ProxyExchange exchange) {
        Exchange record = new Exchange(exchange.receivedAt(), exchange.connection().name(), exchange.method(),
                exchange.target().upstreamPath());
        record.requested(exchange.request().getQueryString(), RecordedHeaders.toJson(exchange.requestHeaders()));
        identify(record, exchange.identity());
        exchange.decision().ifPresent(decision -> record.decided(
                decision.operation().map(Operation::operationId).orElse(null),
                decision.decision().word(),
                decision.decidingRule().map(PolicyRule::name).orElse(null),
                exchange.grantId().orElse(null)));
        return record;
    }

    /** A request refused before it was admitted: bad path, unknown connection, no valid token. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordRefused(Instant receivedAt, String connection, String method, String path, AgentIdentity identity,
                              ProxyRefusal refusal, long durationMillis) {
        Exchange record = new Exchange(receivedAt, connection, method, path);
        identify(record, identity);
        record.complete(refusal.outcome(), refusal.getMessage(), refusal.error().status(), null, null,
                durationMillis, Instant.now());
        entityManager.persist(record);
    }

    /** The agent's request body went upstream as sent; the record keeps it masked like any answer. */
    private RecordedBody requestBody(ProxyExchange exchange, BodyCapture capture) {
        String contentType = exchange.request().getContentType();
        byte[] masked = maskings.forConnection(exchange.connection()).maskForRecord(contentType,
                exchange.request().getHeader("Content-Encoding"), capture.bytes(), capture.truncated(), exchange.masked());
        return new RecordedBody(textual(contentType) ? utf8(masked) : null, capture.originalSha256(), capture.originalBytes(),
                capture.truncated());
    }

    private static String contentType(ForwardingResult result) {
        return result.responseHeaders().stream().filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** Only text is kept as text; a binary body is represented by its size and digest alone. */
    private static boolean textual(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mime = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mime.startsWith("text/") || mime.equals("application/json") || mime.endsWith("+json")
                || mime.equals("application/xml") || mime.endsWith("+xml") || mime.equals("application/x-www-form-urlencoded");
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private Exchange find(String id) {
        Exchange record = entityManager.find(Exchange.class, id);
        if (record == null) {
            throw new IllegalStateException("no exchange record " + id);
        }
        return record;
    }

    private static void identify(Exchange record, AgentIdentity identity) {
        if (identity != null) {
            record.identify(Sessions.idOf(identity), identity.issuer(), identity.subject(), identity.clientId(),
                    identity.tokenId());
        }
    }
}
