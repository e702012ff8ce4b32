package io.tollgate.api;

import io.tollgate.identity.AgentIdentity;
import io.tollgate.identity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who the caller is to Tollgate: what a page needs to show only the actions the caller may take. */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "callers")
public class CallersResource {

    @Inject
    ApiCaller caller;

    @GET
    @RolesAllowed({Role.AGENT_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME, Role.AUDITOR_NAME})
    @Operation(summary = "The caller's identity (issuer, subject, client id) and Tollgate roles")
    public JsonObject me() {
        AgentIdentity identity = caller.identity();
        return Json.createObjectBuilder()
                .add("issuer", identity.issuer())
                .add("subject", identity.subject())
                .add("clientId", identity.clientId() == null ? "" : identity.clientId())
                .add("roles", Json.createArrayBuilder(caller.roles().stream().map(Role::roleName).sorted().toList()))
                .build();
    }
}
