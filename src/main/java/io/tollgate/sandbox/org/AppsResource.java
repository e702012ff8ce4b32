package io.tollgate.sandbox.org;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/** Okta's Apps API, the part the sandbox serves: OAuth 2.0 client apps and the Okta scopes granted to them. */
@Path("api/v1/apps")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class AppsResource {

    /** Okta's default page of apps is 20, at most 200. */
    static final int DEFAULT_LIMIT = 20;
    static final int MAXIMUM_LIMIT = 200;

    @Inject
    Org org;

    @Inject
    Caller caller;

    @Context
    UriInfo uriInfo;

    @GET
    public Response list(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        int pageSize = Listing.limit(limit, DEFAULT_LIMIT, MAXIMUM_LIMIT);
        String orgUrl = orgUrl();
        return Listing.answer(org.apps().list(after, pageSize, orgUrl), orgUrl + "/api/v1/apps",
                Listing.present(Listing.parameters("after", after)), pageSize, org.apps().nextAfter(after, pageSize), true);
    }

    @POST
    public JsonObject create(@QueryParam("activate") String activate, String body) {
        JsonObject app = org.apps().create(JsonBodies.object(body), UsersResource.flag("activate", activate, true), orgUrl());
        log("application.lifecycle.create", "Add application", app);
        return app;
    }

    @GET
    @Path("{appId}")
    public JsonObject get(@PathParam("appId") String appId) {
        return org.apps().get(appId, orgUrl());
    }

    @POST
    @Path("{appId}/lifecycle/activate")
    public Response activate(@PathParam("appId") String appId) {
        org.apps().activate(appId);
        log("application.lifecycle.activate", "Activate application", org.apps().get(appId, orgUrl()));
        return Response.ok().build();
    }

    @POST
    @Path("{appId}/lifecycle/deactivate")
    public Response deactivate(@PathParam("appId") String appId) {
        org.apps().deactivate(appId);
        log("application.lifecycle.deactivate", "Deactivate application", org.apps().get(appId, orgUrl()));
        return Response.ok().build();
    }

    @DELETE
    @Path("{appId}")
    public Response delete(@PathParam("appId") String appId) {
        JsonObject app = org.apps().get(appId, orgUrl());
        org.apps().delete(appId);
        log("application.lifecycle.delete", "Delete application", app);
        return Response.noContent().build();
    }

    @GET
    @Path("{appId}/grants")
    public List<JsonObject> grants(@PathParam("appId") String appId) {
        return org.apps().grants(appId, orgUrl());
    }

    @POST
    @Path("{appId}/grants")
    public Response grant(@PathParam("appId") String appId, String body) {
        JsonObject grant = org.apps().grant(appId, JsonBodies.object(body), orgUrl());
        log("app.oauth2.as.consent.grant", "Grant scope to application", org.apps().get(appId, orgUrl()));
        return Response.status(Response.Status.CREATED).entity(grant).build();
    }

    private void log(String eventType, String message, JsonObject app) {
        org.log().record(caller.actor(), eventType, message,
                new SystemLog.Target(app.getString("id"), "AppInstance", "oidc_client", app.getString("label")));
    }

    private String orgUrl() {
        return Listing.json(uriInfo).orgUrl();
    }
}
