package io.tollgate.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** Jackson rather than {@code jakarta.json.Json}, whose factory methods look their provider up on every call. */
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie",
            "set-cookie2", "dpop", "x-api-key", "x-auth-token", "x-csrf-token");

    private RecordedHeaders() {
    }

    /** A JSON array of {@code {"name", "value"}} objects, in order, secrets redacted, as UTF-8. */
    public static byte[] toJson(List<Map.Entry<String, String>> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 48 * headers.size());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (Map.Entry<String, String> header : headers) {
                json.writeStartObject();
                json.writeStringField("name", header.getKey());
                json.writeStringField("value", SECRET_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT)) ? REDACTED : header.getValue());
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory does not fail", e);
        }
        return out.toByteArray();
    }
}
