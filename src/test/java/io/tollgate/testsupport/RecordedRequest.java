package io.tollgate.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as the upstream stub received it: method, path and query exactly as they stood in
 * the request line (no decoding, no normalisation), headers, and the body. Bodies up to
 * {@link UpstreamStub#KEPT_BODY_LIMIT} bytes are kept; for larger ones only their length and
 * SHA-256 (computed while reading) are.
 */
public record RecordedRequest(String method, String rawPath, String rawQuery,
                              Map<String, List<String>> headers,
                              byte[] body, long bodyLength, String bodySha256) {

    /** All values of a header, looked up case-insensitively; empty when absent. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** The header's only value; fails the test when it was sent more than once. */
    public Optional<String> header(String name) {
        List<String> values = headerValues(name);
        if (values.size() > 1) {
            throw new AssertionError("Header " + name + " was sent " + values.size() + " times: " + values);
        }
        return values.stream().findFirst();
    }

    public String bodyText() {
        if (body == null) {
            throw new IllegalStateException("Body of " + bodyLength + " bytes was not kept, only its SHA-256");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether a string (a token, say) appears anywhere in the request: line, headers or kept body. */
    public boolean contains(String needle) {
        if (rawPath.contains(needle) || (rawQuery != null && rawQuery.contains(needle))) {
            return true;
        }
        boolean inHeaders = headers.entrySet().stream()
                .anyMatch(h -> h.getKey().contains(needle) || h.getValue().stream().anyMatch(v -> v.contains(needle)));
        return inHeaders || (body != null && new String(body, StandardCharsets.ISO_8859_1).contains(needle));
    }

    @Override
    public String toString() {
        return method + " " + rawPath + (rawQuery == null ? "" : "?" + rawQuery) + " (" + bodyLength + " body bytes)";
    }
}
