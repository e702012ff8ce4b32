package io.tollgate.sandbox.org;

import io.tollgate.okta.OktaError;
import io.tollgate.sandbox.OktaProblem;
import io.tollgate.sandbox.org.query.Dialect;
import io.tollgate.sandbox.org.query.Expression;
import io.tollgate.sandbox.org.query.ExpressionParser;
import io.tollgate.sandbox.org.query.InvalidExpressionException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the list operations share: reading {@code limit} and expressions, and answering a page with its links. */
final class Listing {

    private Listing() {
    }

    /** Okta caps a larger {@code limit} at the operation's maximum rather than refusing it. */
    static int limit(String raw, int defaultLimit, int maximum) {
        if (raw == null || raw.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit < 1) {
                throw OktaProblem.invalid("limit", "Must be a positive whole number");
            }
            return Math.min(limit, maximum);
        } catch (NumberFormatException notANumber) {
            throw OktaProblem.invalid("limit", "Must be a positive whole number");
        }
    }

    static Expression expression(String text, Dialect dialect) {
        try {
            return ExpressionParser.parse(text, dialect);
        } catch (InvalidExpressionException invalid) {
            throw invalidSearch(dialect.parameter() + ": " + invalid.getMessage());
        }
    }

    static OktaProblem invalidSearch(String cause) {
        return new OktaProblem(OktaError.of(400, OktaProblem.INVALID_SEARCH, "Invalid search criteria.", cause));
    }

    /** At most one of the given mutually exclusive query parameters, by name; empty when none is set. */
    static Optional<Map.Entry<String, String>> onlyOne(Map<String, String> candidates) {
        Map<String, String> given = present(candidates);
        if (given.size() > 1) {
            throw invalidSearch("Use only one of " + String.join(", ", given.keySet()));
        }
        return given.entrySet().stream().findFirst();
    }

    /**
     * @param shaping the request's parameters that select the list (they are repeated in the links)
     * @param paged   false for Okta's {@code q} lookups, which have no next page
     */
    static Response answer(List<JsonObject> items, String collectionUrl, Map<String, String> shaping, int limit,
                           Optional<String> next, boolean paged) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        items.forEach(array::add);
        Response.ResponseBuilder response = Response.ok(array.build(), MediaType.APPLICATION_JSON_TYPE);
        PageLinks.of(collectionUrl, shaping, limit, paged ? next : Optional.empty())
                .forEach(link -> response.header("Link", link));
        return response.build();
    }

    static Map<String, String> present(Map<String, String> parameters) {
        Map<String, String> present = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (value != null) {
                present.put(name, value);
            }
        });
        return present;
    }

    /** Pairs of names and values (values may be null) in the given order. */
    static Map<String, String> parameters(String... namesAndValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return parameters;
    }

    /**
     * Links point at the org as the caller reached it: the request's own base URI, which carries
     * the Host the caller used (Tollgate forwards with the upstream's host).
     */
    static OrgJson json(UriInfo uriInfo) {
        String base = uriInfo.getBaseUri().toString();
        return new OrgJson(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }
}
