package io.tollgate.sandbox.authorization;

import io.tollgate.sandbox.OrgAddress;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;

/** The org authorization server's endpoints: the token endpoint (client credentials, private_key_jwt, DPoP) and its keys. */
@Path("oauth2/v1")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class OrgAuthorizationServerResource {

    @Inject
    OrgAuthorizationServer server;

    @Inject
    AuthorizationServer keys;

    @Context
    UriInfo uriInfo;

    @GET
    @Path("keys")
    public JsonObject keys() {
        return Json.createReader(new StringReader(keys.signingKey().publicKeys().toString())).readObject();
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response token(@HeaderParam("DPoP") String dpop, MultivaluedMap<String, String> form) {
        Map<String, String> parameters = new HashMap<>();
        form.forEach((name, values) -> {
            if (values.size() > 1) {
                throw OAuthException.invalidRequest("The " + name + " parameter must not be repeated.");
            }
            parameters.put(name, values.get(0));
        });
        OrgAddress address = OrgAddress.of(uriInfo);
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        try {
            JsonObject token = server.token(parameters, dpop, address.requestUrls(), address.orgUrl());
            return Response.ok(token).cacheControl(noStore).header("Pragma", "no-cache").build();
        } catch (DPoPProof.InvalidProofException invalid) {
            throw new OAuthException(400, "invalid_dpop_proof", invalid.getMessage());
        } catch (OrgAuthorizationServer.NonceRequired nonce) {
            return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore)
                    .header("DPoP-Nonce", nonce.nonce())
                    .entity(Json.createObjectBuilder().add("error", "use_dpop_nonce")
                            .add("error_description", nonce.getMessage()).build())
                    .build();
        }
    }
}
