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

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Makes exchange records and hands them to the {@link ExchangeJournal}. The admission record of a
 * request is committed before {@link #begin} returns, whatever the caller does next; outcomes and
 * refusals, which nothing waits for, join the journal's next batch. Everything a record holds is
 * taken from the request while it is still being served.
 */
@ApplicationScoped
public class ExchangeRecorder {

    @Inject
    ExchangeJournal journal;

    @Inject
    Maskings maskings;

    /**
     * @return the id of the committed record
     * @throws RecordNotCommittedException when the record is not known to be committed; if it may
     *                                     still be, the exchange carries its id, so that its outcome follows it
     */
    public String begin(ProxyExchange exchange) {
        Exchange record = admitted(exchange);
        try {
            journal.writeDurably(record.id(), rows -> rows.add(record));
        } catch (RecordNotCommittedException e) {
            if (e.undecided()) {
                exchange.recordedAs(record.id());
            }
            throw e;
        }
        return record.id();
    }

    public void completeForwarded(ProxyExchange exchange, ForwardingResult result) {
        long durationMillis = exchange.elapsedMillis();
        RecordedBody request = exchange.requestCapture().filter(capture -> capture.originalBytes() > 0)
                .map(capture -> requestBody(exchange, capture)).orElse(null);
        RecordedBody response = exchange.responseCapture().filter(capture -> capture.originalBytes() > 0)
                .map(capture -> new RecordedBody(textual(contentType(result)) ? capture.bytes() : null,
                        capture.originalSha256(), capture.originalBytes(), capture.truncated()))
                .orElse(null);
        ExchangeOutcome outcome = new ExchangeOutcome(exchange.recordId(), result.completed() ? "forwarded" : "broken-off", null,
                result.upstreamStatus(), durationMillis, Instant.now());
        outcome.answered(result.upstreamStatus(), result.responseBytes(),
                RecordedHeaders.toJson(result.responseHeaders()), result.oktaRequestId(),
                result.upstreamMillis());
        outcome.bodies(request, response, exchange.masked().byRule());
        journal.write(outcome.exchangeId(), rows -> rows.add(outcome));
    }

    public void completeRefused(ProxyExchange exchange, ProxyRefusal refusal) {
        ExchangeOutcome outcome = refused(exchange.recordId(), refusal, exchange.elapsedMillis());
        journal.write(outcome.exchangeId(), rows -> rows.add(outcome));
    }

    /** A request refused by policy, before anything went upstream. */
    public void recordRefused(ProxyExchange exchange, ProxyRefusal refusal) {
        writeRefused(admitted(exchange), refusal, exchange.elapsedMillis());
    }

    private static Exchange admitted(ProxyExchange exchange) {
        Exchange record = new Exchange(exchange.receivedAt(), exchange.connection().name(), exchange.method(),
                exchange.target().upstreamPath(), exchange.correlationId());
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
    public void recordRefused(Instant receivedAt, String connection, String method, String path, AgentIdentity identity,
                              String correlationId, ProxyRefusal refusal, long durationMillis) {
        Exchange record = new Exchange(receivedAt, connection, method, path, correlationId);
        identify(record, identity);
        writeRefused(record, refusal, durationMillis);
    }

    private void writeRefused(Exchange record, ProxyRefusal refusal, long durationMillis) {
        ExchangeOutcome outcome = refused(record.id(), refusal, durationMillis);
        journal.write(record.id(), rows -> {
            rows.add(record);
            rows.add(outcome);
        });
    }

    private static ExchangeOutcome refused(String recordId, ProxyRefusal refusal, long durationMillis) {
        return new ExchangeOutcome(recordId, refusal.outcome(), refusal.getMessage(), refusal.error().status(), durationMillis,
                Instant.now());
    }

    /** The agent's request body went upstream as sent; the record keeps it masked like any answer. */
    private RecordedBody requestBody(ProxyExchange exchange, BodyCapture capture) {
        String contentType = exchange.request().getContentType();
        byte[] masked = maskings.forConnection(exchange.connection()).maskForRecord(contentType,
                exchange.request().getHeader("Content-Encoding"), capture.bytes(), capture.truncated(), exchange.masked());
        return new RecordedBody(textual(contentType) ? masked : null, capture.originalSha256(), capture.originalBytes(),
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

    private static void identify(Exchange record, AgentIdentity identity) {
        if (identity != null) {
            record.identify(Sessions.idOf(identity), identity.issuer(), identity.subject(), identity.clientId(),
                    identity.tokenId());
        }
    }
}
