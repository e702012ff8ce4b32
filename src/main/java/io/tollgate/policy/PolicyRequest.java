package io.tollgate.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request as a policy sees it.
 *
 * @param method the HTTP method as sent, e.g. {@code GET} (compared exactly)
 * @param path   the decoded, canonical path (what {@code ProxyTarget.decodedPath()} gives), starting
 *               with {@code /}; the empty path of a request to the connection's root counts as {@code /}
 * @param query  decoded query parameters, each with all its values in the order sent; a parameter
 *               given without a value ({@code ?flag}) has the value {@code ""}
 * @param body   read lazily, only when a rule that may match inspects the body
 */
public record PolicyRequest(String method, String path, Map<String, List<String>> query, RequestBody body) {

    public PolicyRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
        if (path.isEmpty()) {
            path = "/";
        } else if (!path.startsWith("/")) {
            throw new IllegalArgumentException("A canonical path starts with '/': " + path);
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        query.forEach((name, values) -> copy.put(Objects.requireNonNull(name, "query parameter name"), List.copyOf(values)));
        query = Map.copyOf(copy);
    }

    /** A request without query parameters or body. */
    public static PolicyRequest of(String method, String path) {
        return new PolicyRequest(method, path, Map.of(), RequestBody.empty());
    }
}
