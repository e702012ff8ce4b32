package io.tollgate.sandbox;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * The sandbox's own administration, outside Okta's API: {@code POST /sandbox/okta/admin/reset}
 * forgets every change and seeds the demo org again. It takes the org's API token only.
 */
@Path(SandboxAdminResource.PATH)
@RequestScoped
public class SandboxAdminResource {

    static final String PATH = "admin";

    @Inject
    SandboxOrg org;

    @POST
    @Path("reset")
    public Response reset() {
        org.reset();
        return Response.noContent().build();
    }
}
