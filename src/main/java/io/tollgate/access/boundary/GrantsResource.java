package io.tollgate.access.boundary;

import io.tollgate.access.control.Grants;
import io.tollgate.access.entity.Grant;
import io.tollgate.access.entity.GrantStatus;
import io.tollgate.api.ApiCaller;
import io.tollgate.identity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DELETE;
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

import java.util.List;
import java.util.Locale;

/**
 * Grants. There is no way to create or change one here: grants are issued only by Tollgate, when an
 * access request is approved. Agents see and give up their own; operators see and revoke any;
 * approvers and auditors see all.
 */
@Path("grants")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "grants")
public class GrantsResource {

    private static final int MAX_LIMIT = 1000;

    @Inject
    Grants grants;

    @Inject
    ApiCaller caller;

    @GET
    @RolesAllowed({Role.AGENT_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME, Role.AUDITOR_NAME})
    @Operation(summary = "List grants the caller may see")
    public List<JsonObject> list(@QueryParam("status") String status, @QueryParam("connection") String connection,
                                 @QueryParam("holder") String holder, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
        String onlyHolder = caller.has(Role.AGENT) ? caller.identity().subject() : holder;
        return grants.list(status == null ? null : status(status), connection, onlyHolder, MAX_LIMIT).stream()
                .filter(this::visible).limit(limit).map(AccessRepresentations::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.AGENT_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME, Role.AUDITOR_NAME})
    @Operation(summary = "Read a grant")
    public JsonObject get(@PathParam("id") String id) {
        return grants.find(id).filter(this::visible).map(AccessRepresentations::of)
                .orElseThrow(() -> new NotFoundException("No grant " + id));
    }

    /** Revokes at once: an operator any grant, an agent its own. */
    @DELETE
    @Path("{id}")
    @RolesAllowed({Role.AGENT_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Revoke a grant at once (an operator any grant, an agent its own)")
    public JsonObject revoke(@PathParam("id") String id) {
        return AccessRepresentations.of(grants.revoke(id, caller.identity(), caller.has(Role.ADMIN)));
    }

    private boolean visible(Grant grant) {
        return !caller.has(Role.AGENT) || Grants.isHolder(grant, caller.identity());
    }

    private static GrantStatus status(String value) {
        try {
            return GrantStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("status must be one of ACTIVE, USED, EXPIRED, REVOKED");
        }
    }
}
