package io.tollgate.audit;

import io.tollgate.identity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** Recorded sessions, for auditors and operators. */
@Path("sessions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.AUDITOR_NAME, Role.ADMIN_NAME})
@Tag(name = "audit")
public class SessionsResource {

    private static final int MAX_LIMIT = 1000;

    @Inject
    Sessions sessions;

    @GET
    @Operation(summary = "List recorded sessions")
    public List<SessionSummary> list(@QueryParam("subject") String subject, @QueryParam("connection") String connection,
                                     @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
        return sessions.find(subject, connection, limit);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a session's exchanges in order")
    public SessionDetail get(@PathParam("id") String id) {
        List<Exchange> exchanges = sessions.exchangesOf(id)
                .orElseThrow(() -> new NotFoundException("No session " + id));
        Exchange first = exchanges.get(0);
        return new SessionDetail(id, first.issuer(), first.subject(), first.clientId(), first.tokenId(),
                exchanges.stream().map(ExchangeView::of).toList());
    }

    public record SessionDetail(String id, String issuer, String subject, String clientId, String tokenId,
                                List<ExchangeView> exchanges) {
    }

    public record ExchangeView(String id, Instant receivedAt, String connection, String method, String path,
                               String operationId, String decision, String rule, String grantId, String outcome, String reason, Integer status, Integer upstreamStatus,
                               Long durationMillis, Long responseBytes, String correlationId) {

        static ExchangeView of(Exchange exchange) {
            return new ExchangeView(exchange.id(), exchange.receivedAt(), exchange.connection(), exchange.method(),
                    exchange.path(), exchange.operationId(), exchange.decision(), exchange.ruleName(), exchange.grantId(),
                    exchange.outcome(), exchange.reason(), exchange.status(), exchange.upstreamStatus(),
                    exchange.durationMillis(), exchange.responseBytes(), exchange.correlationId());
        }
    }
}
