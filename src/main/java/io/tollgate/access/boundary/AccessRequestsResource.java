package io.tollgate.access.boundary;

import io.tollgate.access.control.AccessAsk;
import io.tollgate.access.control.AccessRequests;
import io.tollgate.access.control.AccessSettings;
import io.tollgate.access.control.DecisionWaiter;
import io.tollgate.access.entity.AccessRequest;
import io.tollgate.access.entity.AccessRequestStatus;
import io.tollgate.access.entity.Approval;
import io.tollgate.api.ApiCaller;
import io.tollgate.identity.AgentIdentity;
import io.tollgate.identity.Role;
import io.tollgate.operations.AccessMetrics;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Access requests. Agents file and cancel their own and see only those; approvers see and decide
 * the requests their groups may decide; operators and auditors see all, operators may cancel.
 */
@Path("access-requests")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "access-requests")
public class AccessRequestsResource {

    private static final int MAX_LIMIT = 1000;

    @Inject
    AccessRequests accessRequests;

    @Inject
    AccessSettings settings;

    @Inject
    DecisionWaiter waiter;

    @Inject
    ApiCaller caller;

    @Inject
    AccessMetrics metrics;

    @POST
    @RolesAllowed(Role.AGENT_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "File an access request for a grant (agents)")
    public Response file(JsonObject body) {
        AccessAsk ask = new AccessAsk(optionalString(body, "connection"), strings(body, "operations"), strings(body, "scopes"),
                duration(body), optionalString(body, "reason"), body.getBoolean("oneShot", false));
        AccessRequest request = accessRequests.file(caller.identity(), ask);
        return Response.created(UriBuilder.fromResource(AccessRequestsResource.class).path(request.id()).build())
                .entity(AccessRepresentations.of(request, accessRequests.approvals(request.id()))).build();
    }

    @GET
    @RolesAllowed({Role.AGENT_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME, Role.AUDITOR_NAME})
    @Operation(summary = "List access requests the caller may see, newest first")
    public List<JsonObject> list(@QueryParam("status") String status, @QueryParam("connection") String connection,
                                 @QueryParam("requester") String requester, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
        AccessRequestStatus wanted = status == null ? null : status(status);
        boolean agent = caller.has(Role.AGENT);
        String onlyRequester = agent ? caller.identity().subject() : requester;
        return accessRequests.list(wanted, connection, onlyRequester, MAX_LIMIT).stream()
                .filter(this::visible)
                .limit(limit)
                .map(request -> AccessRepresentations.of(request, accessRequests.approvals(request.id())))
                .toList();
    }

    /** With {@code Prefer: wait=N}, answers when the request is decided or after N seconds (capped). */
    @GET
    @Path("{id}")
    @RolesAllowed({Role.AGENT_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME, Role.AUDITOR_NAME})
    @Operation(summary = "Read an access request; with Prefer: wait=N, answer once it is decided or after N seconds")
    public void get(@PathParam("id") String id, @HeaderParam("Prefer") String prefer, @Suspended AsyncResponse response) {
        AccessRequest request = visibleRequest(id);
        Duration wait = DecisionWaiter.requestedWait(prefer, settings.maxWait());
        if (wait.isZero() || request.status() != AccessRequestStatus.PENDING) {
            response.resume(AccessRepresentations.of(request, accessRequests.approvals(id)));
            return;
        }
        waiter.whenDecided(id, wait, decided -> response.resume(Response.ok(
                        AccessRepresentations.of(decided, accessRequests.approvals(id)))
                .header("Preference-Applied", "wait=" + wait.toSeconds()).build()));
    }

    @POST
    @Path("{id}/approvals")
    @RolesAllowed(Role.APPROVER_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or deny an access request, with a comment (approvers)")
    public JsonObject decide(@PathParam("id") String id, JsonObject body) {
        String decision = optionalString(body, "decision");
        Approval.Verdict verdict = switch (decision == null ? "" : decision.toLowerCase(Locale.ROOT)) {
            case "approve" -> Approval.Verdict.APPROVE;
            case "deny" -> Approval.Verdict.DENY;
            default -> throw new BadRequestException("decision must be approve or deny");
        };
        AccessRequest request = accessRequests.decide(id, caller.identity(), verdict, optionalString(body, "comment"));
        metrics.decided(request);
        return AccessRepresentations.of(request, accessRequests.approvals(id));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Role.AGENT_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Cancel a pending access request (its agent, or an operator)")
    public JsonObject cancel(@PathParam("id") String id) {
        AccessRequest request = accessRequests.cancel(id, caller.identity(), caller.has(Role.ADMIN));
        return AccessRepresentations.of(request, accessRequests.approvals(id));
    }

    private AccessRequest visibleRequest(String id) {
        return accessRequests.find(id).filter(this::visible)
                .orElseThrow(() -> new NotFoundException("No access request " + id));
    }

    private boolean visible(AccessRequest request) {
        AgentIdentity identity = caller.identity();
        if (caller.has(Role.ADMIN) || caller.has(Role.AUDITOR) || AccessRequests.isRequester(request, identity)) {
            return true;
        }
        return caller.has(Role.APPROVER) && request.approverGroups().stream().anyMatch(identity.groups()::contains);
    }

    private static AccessRequestStatus status(String value) {
        try {
            return AccessRequestStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("status must be one of PENDING, APPROVED, DENIED, EXPIRED, CANCELLED");
        }
    }

    private static Duration duration(JsonObject body) {
        String value = optionalString(body, "duration");
        if (value == null) {
            throw new BadRequestException("duration is required (ISO-8601, for example PT15M)");
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("duration must be ISO-8601, for example PT15M");
        }
    }

    static String optionalString(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new BadRequestException(name + " must be a string");
        }
        return ((JsonString) value).getString();
    }

    private static List<String> strings(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY
                || !((JsonArray) value).stream().allMatch(element -> element.getValueType() == JsonValue.ValueType.STRING)) {
            throw new BadRequestException(name + " must be a list of strings");
        }
        return ((JsonArray) value).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
