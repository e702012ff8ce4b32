package io.tollgate.proxy;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Headers as they go into the record: every name and value kept, except the values of headers that
 * carry credentials or session secrets, which are replaced by a marker.
 */
public final class RecordedHeaders {

    public static final String REDACTED = "[redacted]";

    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie",
            "set-cookie2", "dpop", "x-api-key", "x-auth-token", "x-csrf-token");

    private RecordedHeaders() {
    }

    /** A JSON array of {@code {"name", "value"}} objects, in order, secrets redacted. */
    public static String toJson(List<Map.Entry<String, String>> headers) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (Map.Entry<String, String> header : headers) {
            array.add(Json.createObjectBuilder()
                    .add("name", header.getKey())
                    .add("value", SECRET_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT)) ? REDACTED : header.getValue()));
        }
        return array.build().toString();
    }
}
