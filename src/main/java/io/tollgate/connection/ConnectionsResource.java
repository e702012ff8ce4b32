package io.tollgate.connection;

import io.tollgate.api.ApiCaller;
import io.tollgate.api.Problem;
import io.tollgate.credential.ServiceAppKey;
import io.tollgate.identity.Role;
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

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Connections for operators: {@code GET /api/connections[/{name}]} (operators and auditors) and
 * {@code PUT /api/connections/{name}} (operators), which stores a connection and its credential
 * (sealed by the vault) in the database. No answer ever holds a secret.
 */
@Path("connections")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionsResource {

    @Inject
    Connections connections;

    @Inject
    ConnectionStore store;

    @Inject
    ApiCaller caller;

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.AUDITOR_NAME})
    public JsonArray list() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        connections.all().forEach(connection -> list.add(describe(connection)));
        return list.build();
    }

    @GET
    @Path("{name}")
    @RolesAllowed({Role.ADMIN_NAME, Role.AUDITOR_NAME})
    public JsonObject get(@PathParam("name") String name) {
        return connections.find(name).map(this::describe)
                .orElseThrow(() -> new NotFoundException("No connection named '" + name + "'"));
    }

    @PUT
    @Path("{name}")
    @RolesAllowed(Role.ADMIN_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("name") String name, JsonObject body) {
        if (!Connections.NAME.matcher(name).matches()) {
            throw new BadRequestException("A connection name is 1 to 63 lowercase letters, digits and dashes");
        }
        if (body == null) {
            throw new BadRequestException("The request body must be a JSON object describing the connection");
        }
        Connection connection;
        try {
            connection = connection(name, body);
        } catch (InvalidConnectionException | IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        boolean created = store.find(name).isEmpty();
        try {
            connections.save(connection, caller.identity().subject());
        } catch (InvalidConnectionException e) {
            return Problem.response(503, e.getMessage());
        } catch (PersistenceException e) {
            return Problem.response(409, "Another change to this connection was stored at the same moment; read it and try again");
        }
        return Response.status(created ? 201 : 200).entity(get(name)).build();
    }

    private JsonObject describe(Connection connection) {
        JsonObjectBuilder json = ConnectionJson.of(connection);
        Optional<StoredConnection> stored = store.find(connection.name());
        if (stored.isPresent()) {
            json.add("source", "api")
                    .add("vaultKeyId", stored.get().vaultKeyId())
                    .add("updatedAt", stored.get().updatedAt().toString())
                    .add("updatedBy", stored.get().updatedBy());
        } else {
            json.add("source", "configuration");
        }
        return json.build();
    }

    private static Connection connection(String name, JsonObject body) {
        URI baseUri = Connections.baseUri(name, text(body, "url", true));
        ConnectionKind kind = Connections.kind(name, "kind", Optional.ofNullable(text(body, "kind", false)).orElse("okta"));
        Duration connectTimeout = Connections.duration(name, "connectTimeout",
                Optional.ofNullable(text(body, "connectTimeout", false)).orElse("PT5S"));
        Duration responseTimeout = Connections.duration(name, "responseTimeout",
                Optional.ofNullable(text(body, "responseTimeout", false)).orElse("PT30S"));
        if (!(body.get("credential") instanceof JsonObject credential)) {
            throw new IllegalArgumentException("credential must be an object: {\"type\":\"api-token\",\"token\":...} or "
                    + "{\"type\":\"service-app\",\"clientId\":...,\"privateKey\":...,\"scopes\":[...]}");
        }
        Optional<AgentQuota> quota = Optional.empty();
        if (body.get("quota") instanceof JsonObject limits) {
            if (!(limits.get("limit") instanceof JsonNumber limit) || !limit.isIntegral()) {
                throw new IllegalArgumentException("quota.limit must be a whole number");
            }
            quota = Optional.of(Connections.quota(name, limit.intValue(), Connections.duration(name, "quota.window",
                    Optional.ofNullable(text(limits, "window", false)).orElse("PT1M"))));
        } else if (body.containsKey("quota") && body.get("quota") != JsonValue.NULL) {
            throw new IllegalArgumentException("quota must be an object: {\"limit\":100,\"window\":\"PT1M\"}");
        }
        return new Connection(name, baseUri, kind, Optional.of(credential(baseUri, credential)), connectTimeout, responseTimeout,
                Connection.DEFAULT_EXCHANGE_TIMEOUT, quota);
    }

    private static UpstreamCredential credential(URI baseUri, JsonObject credential) {
        String type = text(credential, "type", true);
        if (ApiTokenCredential.TYPE.equals(type)) {
            return UpstreamCredential.apiToken(text(credential, "token", true));
        }
        if (!ServiceAppCredential.TYPE.equals(type)) {
            throw new IllegalArgumentException("credential.type must be " + ApiTokenCredential.TYPE + " or " + ServiceAppCredential.TYPE);
        }
        JsonValue privateKey = credential.get("privateKey");
        String keyText = privateKey instanceof JsonObject jwk ? jwk.toString()
                : privateKey instanceof JsonString pem ? pem.getString() : null;
        if (keyText == null) {
            throw new IllegalArgumentException("credential.privateKey must be a PEM string or a private JWK");
        }
        if (!(credential.get("scopes") instanceof JsonArray scopeArray)
                || scopeArray.stream().anyMatch(scope -> !(scope instanceof JsonString))) {
            throw new IllegalArgumentException("credential.scopes must be an array of scope names");
        }
        List<String> scopes = new ArrayList<>();
        scopeArray.forEach(scope -> scopes.add(((JsonString) scope).getString()));
        String tokenUrl = text(credential, "tokenUrl", false);
        URI tokenUri;
        try {
            tokenUri = tokenUrl == null ? ServiceAppCredential.defaultTokenUri(baseUri) : URI.create(tokenUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("credential.tokenUrl is not a URI");
        }
        return new ServiceAppCredential(text(credential, "clientId", true),
                ServiceAppKey.parse(keyText, text(credential, "keyId", false)), tokenUri, scopes);
    }

    private static String text(JsonObject object, String field, boolean required) {
        JsonValue value = object.get(field);
        if (value instanceof JsonString text) {
            return text.getString();
        }
        if (value == null || value == JsonValue.NULL) {
            if (required) {
                throw new IllegalArgumentException(field + " is required");
            }
            return null;
        }
        throw new IllegalArgumentException(field + " must be a string");
    }
}
