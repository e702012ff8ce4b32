package io.tollgate.api;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every failure on Tollgate's API becomes a problem body. Client errors keep the message Tollgate
 * wrote for them; anything unexpected is logged once and answered without internals.
 */
@Provider
public class ApiErrors implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            String detail = web.getMessage();
            if (detail == null || detail.startsWith("HTTP ")) {
                // The exception carries only the container's generic text: say what the status means.
                Response.StatusType type = Response.Status.fromStatusCode(status);
                detail = type == null ? "HTTP " + status : type.getReasonPhrase();
            }
            return Problem.response(status, detail);
        }
        if (failure instanceof JsonParsingException || failure instanceof ProcessingException && !(failure.getCause() instanceof JsonbException)) {
            return Problem.response(400, "The request body is not valid JSON for this endpoint");
        }
        LOG.log(Level.SEVERE, "Tollgate API request failed", failure);
        return Problem.response(500, "Tollgate could not process the request");
    }
}
