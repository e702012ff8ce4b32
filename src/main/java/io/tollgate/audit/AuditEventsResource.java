package io.tollgate.audit;

import io.tollgate.identity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Stream;

/** The audit log, for auditors and operators: paged and filtered, exported as JSON Lines, verified. */
@Path("audit-events")
@RequestScoped
@RolesAllowed({Role.AUDITOR_NAME, Role.ADMIN_NAME})
@Tag(name = "audit")
public class AuditEventsResource {

    public static final String JSON_LINES = "application/jsonl";
    private static final int MAX_LIMIT = 1000;

    @PersistenceContext(unitName = "tollgate")
    EntityManager entityManager;

    @Inject
    AuditVerification verification;

    @Context
    UriInfo uriInfo;

    /** Oldest first; {@code after} is the id of the last event of the previous page (see the {@code Link} header). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Page through the audit log, oldest first (JSON, Link rel=\"next\"), or export every match as JSON Lines (Accept: application/jsonl)")
    public Response list(@QueryParam("type") String type, @QueryParam("actor") String actor, @QueryParam("target") String target,
                         @QueryParam("since") String since, @QueryParam("until") String until,
                         @QueryParam("after") String after, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
        List<AuditEvent> events = query(type, actor, target, since, until, after).setMaxResults(limit).getResultList();
        Response.ResponseBuilder response = Response.ok(events.stream().map(AuditEventsResource::toJson).toList());
        if (events.size() == limit) {
            response.link(uriInfo.getRequestUriBuilder().replaceQueryParam("after", events.get(limit - 1).id()).build(), "next");
        }
        return response.build();
    }

    /** Every matching event, one JSON object a line, for a SIEM. Streams: memory stays flat however long the log. */
    @GET
    @Produces(JSON_LINES)
    @Operation(summary = "Page through the audit log, oldest first (JSON, Link rel=\"next\"), or export every match as JSON Lines (Accept: application/jsonl)")
    public StreamingOutput export(@QueryParam("type") String type, @QueryParam("actor") String actor,
                                  @QueryParam("target") String target, @QueryParam("since") String since,
                                  @QueryParam("until") String until) {
        TypedQuery<AuditEvent> query = query(type, actor, target, since, until, null);
        return output -> {
            try (Stream<AuditEvent> events = query.getResultStream();
                 Writer writer = new OutputStreamWriter(output, StandardCharsets.UTF_8)) {
                for (AuditEvent event : (Iterable<AuditEvent>) events::iterator) {
                    writer.write(toJson(event).toString());
                    writer.write('\n');
                }
            }
        };
    }

    @GET
    @Path("verification")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify every hash chain of the audit log and name the first broken link")
    public AuditVerification.Result verification() {
        return verification.verify();
    }

    private TypedQuery<AuditEvent> query(String type, String actor, String target, String since, String until, String after) {
        StringBuilder jpql = new StringBuilder("SELECT e FROM AuditEvent e WHERE 1 = 1");
        if (type != null) {
            jpql.append(" AND e.type = :type");
        }
        if (actor != null) {
            jpql.append(" AND e.actor = :actor");
        }
        if (target != null) {
            jpql.append(" AND e.target = :target");
        }
        if (since != null) {
            jpql.append(" AND e.occurredAt >= :since");
        }
        if (until != null) {
            jpql.append(" AND e.occurredAt < :until");
        }
        AuditEvent cursor = null;
        if (after != null) {
            cursor = entityManager.find(AuditEvent.class, after);
            if (cursor == null) {
                throw new BadRequestException("after names no audit event");
            }
            jpql.append(" AND (e.occurredAt > :cursorTime OR (e.occurredAt = :cursorTime AND e.id > :cursorId))");
        }
        jpql.append(" ORDER BY e.occurredAt, e.id");
        TypedQuery<AuditEvent> query = entityManager.createQuery(jpql.toString(), AuditEvent.class);
        if (type != null) {
            query.setParameter("type", type);
        }
        if (actor != null) {
            query.setParameter("actor", actor);
        }
        if (target != null) {
            query.setParameter("target", target);
        }
        if (since != null) {
            query.setParameter("since", instant("since", since));
        }
        if (until != null) {
            query.setParameter("until", instant("until", until));
        }
        if (cursor != null) {
            query.setParameter("cursorTime", cursor.occurredAt()).setParameter("cursorId", cursor.id());
        }
        return query;
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    static JsonObject toJson(AuditEvent event) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", event.id())
                .add("chain", event.chain())
                .add("sequence", event.sequence())
                .add("occurredAt", event.occurredAt().toString())
                .add("type", event.type())
                .add("actor", event.actor());
        if (event.target() != null) {
            json.add("target", event.target());
        }
        try (JsonReader details = Json.createReader(new StringReader(event.details()))) {
            json.add("details", details.readValue());
        }
        return json.add("previousHash", event.previousHash()).add("hash", event.hash()).build();
    }
}
