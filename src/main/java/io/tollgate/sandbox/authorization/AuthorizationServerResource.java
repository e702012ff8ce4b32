package io.tollgate.sandbox.authorization;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's authorization server, shaped like Okta's {@code default} custom authorization
 * server: discovery, the signing keys and a token endpoint for the client credentials grant.
 */
@Path("oauth2/default")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class AuthorizationServerResource {

    @Inject
    AuthorizationServer server;

    @GET
    @Path(".well-known/openid-configuration")
    public JsonObject openIdConfiguration() {
        return discovery();
    }

    /** RFC 8414 metadata; Okta serves the same document at both well-known names. */
    @GET
    @Path(".well-known/oauth-authorization-server")
    public JsonObject authorizationServerMetadata() {
        return discovery();
    }

    @GET
    @Path("v1/keys")
    public JsonObject keys() {
        return Json.createReader(new StringReader(server.signingKey().publicKeys().toString())).readObject();
    }

    @POST
    @Path("v1/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, MultivaluedMap<String, String> form) {
        Map<String, String> parameters = new HashMap<>();
        form.forEach((name, values) -> {
            if (values.size() > 1) {
                throw OAuthException.invalidRequest("The " + name + " parameter must not be repeated.");
            }
            parameters.put(name, values.get(0));
        });
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(server.tokenEndpoint().token(authorization, parameters))
                .cacheControl(noStore)
                .header("Pragma", "no-cache")
                .build();
    }

    private JsonObject discovery() {
        String issuer = server.issuer();
        return Json.createObjectBuilder()
                .add("issuer", issuer)
                .add("token_endpoint", server.tokenEndpointUrl())
                .add("jwks_uri", issuer + "/v1/keys")
                .add("response_types_supported", strings(List.of("token")))
                .add("grant_types_supported", strings(List.of(TokenEndpoint.CLIENT_CREDENTIALS)))
                .add("subject_types_supported", strings(List.of("public")))
                .add("scopes_supported", strings(server.clients().scopes()))
                .add("token_endpoint_auth_methods_supported",
                        strings(List.of("client_secret_basic", "client_secret_post", "private_key_jwt")))
                .add("token_endpoint_auth_signing_alg_values_supported", strings(ClientAuthenticator.ASSERTION_ALGORITHMS.stream()
                        .map(algorithm -> algorithm.getName()).sorted().toList()))
                .add("claims_supported", strings(List.of("ver", "jti", "iss", "aud", "iat", "exp", "cid", "scp", "sub", "groups")))
                .build();
    }

    private static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }
}
