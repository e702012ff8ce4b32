package io.tollgate.api;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.IOException;

/**
 * A request body the JSON reader cannot read (nested beyond the parser's limit, say) is the
 * caller's problem, a 400; the container's provider would report it as a 500 of Tollgate's.
 */
@Provider
public class UnreadableBodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        try {
            return context.proceed();
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() < 500) {
                throw e;
            }
            throw new BadRequestException("The request body cannot be read: it is not valid JSON for this endpoint, or nested too deeply", e);
        } catch (RuntimeException e) {
            throw new BadRequestException("The request body cannot be read: it is not valid JSON for this endpoint, or nested too deeply", e);
        }
    }
}
