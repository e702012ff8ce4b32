package io.tollgate.masking;

import com.fasterxml.jackson.core.JsonStreamContext;

/**
 * Another rewrite of JSON string values made in the same streaming pass as masking, before it
 * (the proxy points {@code _links} back through Tollgate this way).
 */
@FunctionalInterface
public interface JsonStringFilter {

    JsonStringFilter NONE = (context, value) -> value;

    /**
     * @param context the container the value is in, as the parser reports it
     * @return the value to write (and then to mask)
     */
    String filter(JsonStreamContext context, String value);
}
