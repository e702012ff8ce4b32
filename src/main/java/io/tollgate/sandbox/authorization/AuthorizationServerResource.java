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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.StringReader;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The sandbox's authorization server, shaped like Okta's {@code default} custom authorization
 * server: discovery, the signing keys, a token endpoint for the client credentials and
 * authorization code grants, and an authorization endpoint with a demo sign-in page.
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
        return Response.ok(server.tokenEndpoint().token(authorization, singleValued(form)))
                .cacheControl(noStore())
                .header("Pragma", "no-cache")
                .build();
    }

    /** The authorization code flow's first step: the demo sign-in page, for a client and redirect URI that check out. */
    @GET
    @Path("v1/authorize")
    @Produces(MediaType.TEXT_HTML)
    public Response authorize(@Context UriInfo uriInfo) {
        Map<String, String> parameters = singleValued(uriInfo.getQueryParameters());
        return answer(() -> {
            AuthorizationRequest request = server.authorizationEndpoint().validate(parameters);
            return page(200, SignInPage.form(parameters, server.authorizationEndpoint().demoUsers()), request.redirectUri());
        });
    }

    /** The person signed in as a demo user: back to the client with a one-time code. */
    @POST
    @Path("v1/authorize")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(MultivaluedMap<String, String> form) {
        Map<String, String> parameters = singleValued(form);
        return answer(() -> {
            AuthorizationEndpoint endpoint = server.authorizationEndpoint();
            URI back = endpoint.signIn(endpoint.validate(parameters), parameters.get("login"));
            return Response.seeOther(back).cacheControl(noStore()).header("Referrer-Policy", "no-referrer").build();
        });
    }

    private static Response answer(Supplier<Response> flow) {
        try {
            return flow.get();
        } catch (AuthorizationEndpoint.UntrustedRequestException untrusted) {
            return page(400, SignInPage.error(untrusted.getMessage()), null);
        } catch (AuthorizationEndpoint.RedirectedErrorException refused) {
            return Response.seeOther(refused.location()).cacheControl(noStore()).build();
        }
    }

    private static Response page(int status, String html, String redirectUri) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html)
                .cacheControl(noStore())
                .header("Content-Security-Policy", SignInPage.contentSecurityPolicy(redirectUri))
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static Map<String, String> singleValued(MultivaluedMap<String, String> parameters) {
        Map<String, String> single = new HashMap<>();
        parameters.forEach((name, values) -> {
            if (values.size() > 1) {
                throw OAuthException.invalidRequest("The " + name + " parameter must not be repeated.");
            }
            single.put(name, values.get(0));
        });
        return single;
    }

    private static CacheControl noStore() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return noStore;
    }

    private JsonObject discovery() {
        String issuer = server.issuer();
        return Json.createObjectBuilder()
                .add("issuer", issuer)
                .add("authorization_endpoint", server.authorizationEndpointUrl())
                .add("token_endpoint", server.tokenEndpointUrl())
                .add("jwks_uri", issuer + "/v1/keys")
                .add("response_types_supported", strings(List.of("code", "token")))
                .add("grant_types_supported", strings(List.of(TokenEndpoint.AUTHORIZATION_CODE, TokenEndpoint.CLIENT_CREDENTIALS)))
                .add("code_challenge_methods_supported", strings(List.of("S256")))
                .add("subject_types_supported", strings(List.of("public")))
                .add("scopes_supported", strings(server.clients().scopes()))
                .add("token_endpoint_auth_methods_supported",
                        strings(List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none")))
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
