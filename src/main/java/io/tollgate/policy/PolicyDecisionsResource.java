package io.tollgate.policy;

import io.tollgate.connection.Connection;
import io.tollgate.connection.Connections;
import io.tollgate.identity.AgentIdentity;
import io.tollgate.identity.Role;
import io.tollgate.policy.catalog.Operation;
import io.tollgate.proxy.AmbiguousPathException;
import io.tollgate.proxy.PathCanonicalizer;
import io.tollgate.proxy.ProxyTarget;
import io.tollgate.proxy.QueryParameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Explains a decision without making a request: given an identity's claims and a request, answers
 * the resolved operation, every matching rule, the decision and why, and what the proxy would
 * answer. Uses the same canonicalization, query decoding and policy as the proxy itself.
 */
@Path("policy-decisions")
@RequestScoped
@RolesAllowed(Role.ADMIN_NAME)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "policies")
public class PolicyDecisionsResource {

    private static final Set<String> MODELLED_CLAIMS = Set.of("iss", "sub", "cid", "aud", "scp", "groups", "jti");

    @Inject
    Connections connections;

    @Inject
    Policies policies;

    @POST
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Explain what the policy decides for an identity and a request, without forwarding")
    public JsonObject explain(JsonObject question) {
        Connection connection = connections.find(string(question, "connection", true))
                .orElseThrow(() -> new NotFoundException("No connection named '" + question.getString("connection") + "'"));
        JsonObject request = object(question, "request");
        AgentIdentity identity = identity(object(question, "identity"));
        String method = string(request, "method", true);
        String path = string(request, "path", true);
        if (!path.startsWith("/")) {
            throw new BadRequestException("request.path must start with '/'");
        }
        ProxyTarget target;
        Map<String, List<String>> query;
        try {
            target = PathCanonicalizer.canonicalize("/" + connection.name() + path);
            query = QueryParameters.parse(string(request, "query", false));
        } catch (AmbiguousPathException e) {
            return Json.createObjectBuilder()
                    .add("decision", Decision.DENY.word())
                    .add("reason", e.getMessage())
                    .add("proxyAnswer", proxyAnswer(400, "E0000001"))
                    .build();
        }
        byte[] body = body(request.get("body"));
        Policy policy = policies.current(connection).orElse(null);
        if (policy == null) {
            return Json.createObjectBuilder()
                    .add("decision", Decision.DENY.word())
                    .add("reason", "connection '" + connection.name() + "' has no policy in force")
                    .add("proxyAnswer", proxyAnswer(403, TollgateErrorCodes.DENIED))
                    .build();
        }
        PolicyDecision decision = policy.evaluate(identity,
                new PolicyRequest(method, target.decodedPath(), query, RequestBody.of(body)));
        return toJson(decision);
    }

    static JsonObject toJson(PolicyDecision decision) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("decision", decision.decision().word())
                .add("basis", decision.basis().name())
                .add("reason", decision.reason())
                .add("bodyInspected", decision.bodyInspected());
        decision.operation().ifPresent(operation -> json.add("operation", toJson(operation)));
        decision.decidingRule().ifPresent(rule -> json.add("decidingRule", toJson(rule)));
        JsonArrayBuilder matched = Json.createArrayBuilder();
        decision.matchedRules().forEach(rule -> matched.add(toJson(rule)));
        json.add("matchedRules", matched);
        json.add("proxyAnswer", switch (decision.decision()) {
            case ALLOW -> Json.createObjectBuilder().add("forwarded", true).build();
            case DENY -> proxyAnswer(403, TollgateErrorCodes.DENIED);
            case GRANT -> proxyAnswer(403, TollgateErrorCodes.GRANT_REQUIRED);
            case APPROVE -> proxyAnswer(403, TollgateErrorCodes.APPROVAL_REQUIRED);
        });
        return json.build();
    }

    private static JsonObject proxyAnswer(int status, String errorCode) {
        return Json.createObjectBuilder().add("forwarded", false).add("status", status).add("errorCode", errorCode).build();
    }

    private static JsonObject toJson(Operation operation) {
        JsonArrayBuilder scopes = Json.createArrayBuilder();
        operation.scopes().forEach(scopes::add);
        return Json.createObjectBuilder()
                .add("operationId", operation.operationId())
                .add("method", operation.method())
                .add("pathTemplate", operation.pathTemplate())
                .add("scopes", scopes)
                .build();
    }

    private static JsonObject toJson(PolicyRule rule) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("name", rule.name())
                .add("decision", rule.decision().word());
        if (rule.reason() != null) {
            json.add("reason", rule.reason());
        }
        rule.approval().ifPresent(approval -> {
            JsonArrayBuilder groups = Json.createArrayBuilder();
            approval.approverGroups().forEach(groups::add);
            json.add("approval", Json.createObjectBuilder()
                    .add("approverGroups", groups)
                    .add("approvals", approval.approvals())
                    .add("maxDuration", approval.maxDuration().toString())
                    .add("reasonRequired", approval.reasonRequired()));
        });
        return json.build();
    }

    /** The claims as a verified token would carry them; times are irrelevant to policy and set to now. */
    private static AgentIdentity identity(JsonObject claims) {
        Map<String, Object> other = new HashMap<>();
        claims.forEach((name, value) -> {
            if (!MODELLED_CLAIMS.contains(name)) {
                other.put(name, plain(name, value));
            }
        });
        Instant now = Instant.now();
        return new AgentIdentity(string(claims, "iss", false), string(claims, "sub", true), string(claims, "cid", false),
                strings(claims, "aud"), strings(claims, "scp"), strings(claims, "groups"), string(claims, "jti", false),
                now, now, other);
    }

    private static Object plain(String name, JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).bigDecimalValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case ARRAY -> value.asJsonArray().stream().map(element -> plain(name, element)).toList();
            default -> throw new BadRequestException("identity." + name + " must be a string, number, boolean or list of them");
        };
    }

    private static byte[] body(JsonValue body) {
        if (body == null || body.getValueType() == JsonValue.ValueType.NULL) {
            return new byte[0];
        }
        String text = body.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) body).getString() : body.toString();
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject object(JsonObject parent, String name) {
        JsonValue value = parent.get(name);
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new BadRequestException(name + " must be a JSON object");
        }
        return value.asJsonObject();
    }

    private static String string(JsonObject parent, String name, boolean required) {
        JsonValue value = parent.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            if (required) {
                throw new BadRequestException(name + " is required");
            }
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new BadRequestException(name + " must be a string");
        }
        return ((JsonString) value).getString();
    }

    private static List<String> strings(JsonObject parent, String name) {
        JsonValue value = parent.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (value.getValueType() == JsonValue.ValueType.STRING) {
            return List.of(((JsonString) value).getString());
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new BadRequestException(name + " must be a string or a list of strings");
        }
        JsonArray array = value.asJsonArray();
        if (!array.stream().allMatch(element -> element.getValueType() == JsonValue.ValueType.STRING)) {
            throw new BadRequestException(name + " must be a list of strings");
        }
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
