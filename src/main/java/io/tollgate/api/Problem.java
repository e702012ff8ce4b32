package io.tollgate.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem body, the error shape of every Tollgate API answer. */
public final class Problem {

    public static final MediaType MEDIA_TYPE = MediaType.valueOf("application/problem+json");

    private Problem() {
    }

    public static Response response(int status, String detail) {
        return response(status, detail, Json.createObjectBuilder());
    }

    /** @param extensions members added to the problem, such as the list of problems of a refused document */
    public static Response response(int status, String detail, JsonObjectBuilder extensions) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        JsonObject body = extensions
                .add("type", "about:blank")
                .add("title", type == null ? "HTTP " + status : type.getReasonPhrase())
                .add("status", status)
                .add("detail", detail)
                .build();
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }
}
