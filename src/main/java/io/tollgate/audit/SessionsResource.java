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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    @Inject
    @ConfigProperty(name = "tollgate.proxy.public-url")
    Optional<String> publicUrl;

    @Context
    UriInfo uriInfo;

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

    /** The session as HAR 1.2, to open in a browser's developer tools. */
    @GET
    @Path("{id}/har")
    @Operation(summary = "Export a session as HAR 1.2, replayable in tools that read HTTP archives")
    public Response har(@PathParam("id") String id) {
        List<Exchange> exchanges = sessions.exchangesOf(id).orElseThrow(() -> new NotFoundException("No session " + id));
        String base = publicUrl.map(url -> url.replaceAll("/+$", "")).orElseGet(() -> uriInfo.getBaseUri().resolve("/").toString()
                .replaceAll("/+$", "")) + "/proxy";
        return Response.ok(HarExport.of(exchanges, base, "1"))
                .header("Content-Disposition", "attachment; filename=\"tollgate-session-" + id + ".har\"").build();
    }

    public record SessionDetail(String id, String issuer, String subject, String clientId, String tokenId,
                                List<ExchangeView> exchanges) {
    }

    public record ExchangeView(String id, Instant receivedAt, String connection, String method, String path,
                               String query, String operationId, String decision, String rule, String grantId,
                               String outcome, String reason, String oktaRequestId, Long upstreamMillis, Integer status, Integer upstreamStatus,
                               Long durationMillis, Long responseBytes, String correlationId) {

        static ExchangeView of(Exchange exchange) {
            return new ExchangeView(exchange.id(), exchange.receivedAt(), exchange.connection(), exchange.method(),
                    exchange.path(), exchange.query(), exchange.operationId(), exchange.decision(), exchange.ruleName(),
                    exchange.grantId(), exchange.outcome(), exchange.reason(), exchange.oktaRequestId(), exchange.upstreamMillis(), exchange.status(), exchange.upstreamStatus(),
                    exchange.durationMillis(), exchange.responseBytes(), exchange.correlationId());
        }
    }
}
