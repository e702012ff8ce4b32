package io.tollgate.policy;

import io.tollgate.api.ApiCaller;
import io.tollgate.api.Problem;
import io.tollgate.connection.Connection;
import io.tollgate.connection.Connections;
import io.tollgate.identity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A connection's policy: read by operators and auditors, replaced by operators. */
@Path("connections/{name}/policy")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "policies")
public class PolicyResource {

    /** Far above any sensible policy; a larger document is refused before parsing. */
    private static final int MAX_DOCUMENT_CHARS = 2 * 1024 * 1024;

    @Inject
    Connections connections;

    @Inject
    Policies policies;

    @Inject
    ApiCaller caller;

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.AUDITOR_NAME})
    @Operation(summary = "Read a connection's policy in force")
    public JsonObject get(@PathParam("name") String name) {
        Connection connection = connection(name);
        return policies.currentVersion(connection).map(PolicyResource::toJson)
                .orElseThrow(() -> new NotFoundException("Connection '" + name + "' has no policy"));
    }

    @PUT
    @RolesAllowed(Role.ADMIN_NAME)
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @Operation(summary = "Replace a connection's policy with a YAML document (operators)")
    public Response replace(@PathParam("name") String name, String document) {
        Connection connection = connection(name);
        if (document == null || document.isBlank()) {
            throw new BadRequestException("The request body must be a policy document (YAML)");
        }
        if (document.length() > MAX_DOCUMENT_CHARS) {
            throw new BadRequestException("A policy document may hold at most " + MAX_DOCUMENT_CHARS + " characters");
        }
        try {
            return Response.ok(toJson(policies.install(connection, document, "api", caller.identity().subject()))).build();
        } catch (InvalidPolicyException e) {
            JsonArrayBuilder problems = Json.createArrayBuilder();
            e.problems().forEach(problem -> problems.add(Json.createObjectBuilder()
                    .add("line", problem.line()).add("column", problem.column())
                    .add("field", problem.field() == null ? "" : problem.field())
                    .add("message", problem.message())));
            return Problem.response(400, "The policy was refused; the policy in force is unchanged",
                    Json.createObjectBuilder().add("problems", problems));
        } catch (PersistenceException e) {
            return Problem.response(409, "Another change to this policy was stored at the same moment; read it and try again");
        }
    }

    private Connection connection(String name) {
        return connections.find(name).orElseThrow(() -> new NotFoundException("No connection named '" + name + "'"));
    }

    private static JsonObject toJson(PolicyVersion version) {
        return Json.createObjectBuilder()
                .add("connection", version.connection())
                .add("version", version.version())
                .add("source", version.source())
                .add("createdAt", version.createdAt().toString())
                .add("createdBy", version.createdBy())
                .add("digest", version.digest())
                .add("document", version.document())
                .build();
    }
}
