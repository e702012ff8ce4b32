package io.tollgate.sandbox;

import io.tollgate.okta.OktaError;
import io.tollgate.sandbox.authorization.OAuthException;
import jakarta.json.Json;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure inside the sandbox into the error shape its callers expect: Okta's error
 * object on the Management API, an OAuth 2.0 error on the authorization server. Unexpected failures
 * are logged here, once, and answered without their details.
 */
@Provider
public class SandboxErrors implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(SandboxErrors.class.getName());
    private static final String OAUTH_PATH = "oauth2/";

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof OktaProblem problem) {
            return response(problem.error());
        }
        if (failure instanceof OAuthException oauth) {
            return oauthResponse(oauth);
        }
        boolean onAuthorizationServer = relativePath(uriInfo).startsWith(OAUTH_PATH);
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            return onAuthorizationServer
                    ? oauthResponse(new OAuthException(status, "invalid_request", status == 415
                            ? "Token requests must be sent as application/x-www-form-urlencoded." : describe(status)))
                    : response(oktaError(status));
        }
        LOG.log(Level.SEVERE, "Sandbox request failed: " + uriInfo.getRequestUri().getPath(), failure);
        return onAuthorizationServer
                ? oauthResponse(new OAuthException(500, "server_error", "The authorization server failed to process the request."))
                : response(OktaError.of(500, OktaError.INTERNAL_ERROR, "Internal Server Error"));
    }

    private OktaError oktaError(int status) {
        return switch (status) {
            case 404 -> OktaError.notFound(uriInfo.getRequestUri().getPath());
            case 405 -> OktaError.of(405, "E0000022", "The endpoint does not support the provided HTTP method");
            case 415 -> OktaError.of(415, "E0000001", "Api validation failed: Content-Type",
                    "Content-Type: the request body must be application/json");
            default -> OktaError.of(status, OktaError.VALIDATION_FAILED, "Api validation failed: " + describe(status));
        };
    }

    private static String describe(int status) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        return type == null ? "HTTP " + status : type.getReasonPhrase();
    }

    public static Response response(OktaError error) {
        return Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(error.toJson()).build();
    }

    private static Response oauthResponse(OAuthException oauth) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(oauth.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(noStore)
                .header("Pragma", "no-cache")
                .entity(Json.createObjectBuilder()
                        .add("error", oauth.error())
                        .add("error_description", oauth.description())
                        .build())
                .build();
    }

    /** The request path below the sandbox's root, without a leading slash. */
    static String relativePath(UriInfo uriInfo) {
        String path = uriInfo.getPath();
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
