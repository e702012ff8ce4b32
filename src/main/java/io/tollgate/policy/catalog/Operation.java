package io.tollgate.policy.catalog;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One operation of an upstream API, as the policy names it: Okta's {@code deactivateUser} is
 * {@code POST /api/v1/users/{id}/lifecycle/deactivate} and needs the scope {@code okta.users.manage}.
 *
 * @param operationId  the upstream's own name for the operation, unique in its catalog
 * @param method       the HTTP method in upper case, as it appears on the wire
 * @param pathTemplate the path with whole-segment variables such as {@code {userId}}
 * @param scopes       the OAuth 2.0 scopes a client needs for it, all of them together; sorted,
 *                     empty when the upstream asks for none (well-known documents, API-token-only
 *                     operations)
 */
public record Operation(String operationId, String method, String pathTemplate, List<String> scopes) {

    private static final Pattern OPERATION_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");
    private static final Pattern VARIABLE = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_]*}");
    private static final Pattern SCOPE = Pattern.compile("[\\x21-\\x7E&&[^\\\\\"]]+");

    public Operation {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        if (!OPERATION_ID.matcher(operationId).matches()) {
            throw new IllegalArgumentException("Invalid operationId '" + operationId + "'");
        }
        if (!METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException(operationId + ": invalid HTTP method '" + method + "'");
        }
        checkPathTemplate(operationId, pathTemplate);
        scopes = List.copyOf(scopes);
        for (int i = 0; i < scopes.size(); i++) {
            if (!SCOPE.matcher(scopes.get(i)).matches()) {
                throw new IllegalArgumentException(operationId + ": invalid scope '" + scopes.get(i) + "'");
            }
            if (i > 0 && scopes.get(i - 1).compareTo(scopes.get(i)) >= 0) {
                throw new IllegalArgumentException(operationId + ": scopes must be sorted and distinct: " + scopes);
            }
        }
    }

    /** Whether a client needs this scope (among others, perhaps) for this operation. */
    public boolean requires(String scope) {
        return scopes.contains(scope);
    }

    /** The path template's segments, without the leading slash. */
    List<String> segments() {
        return List.of(pathTemplate.substring(1).split("/", -1));
    }

    static boolean isVariable(String segment) {
        return segment.startsWith("{");
    }

    /*
     * Variables fill whole segments and segments are never empty, so that a concrete path can be
     * matched segment by segment, and a trailing slash or a doubled one never matches anything.
     */
    private static void checkPathTemplate(String operationId, String pathTemplate) {
        if (!pathTemplate.startsWith("/")) {
            throw new IllegalArgumentException(operationId + ": path template must start with '/': " + pathTemplate);
        }
        for (String segment : pathTemplate.substring(1).split("/", -1)) {
            boolean braces = segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0;
            if (segment.isEmpty()
                    || braces && !VARIABLE.matcher(segment).matches()
                    || segment.chars().anyMatch(c -> c <= ' ' || c == '?' || c == '#' || c == '%')) {
                throw new IllegalArgumentException(operationId + ": invalid segment '" + segment
                        + "' in path template " + pathTemplate
                        + " (segments are non-empty literals or whole {variables})");
            }
        }
    }
}
