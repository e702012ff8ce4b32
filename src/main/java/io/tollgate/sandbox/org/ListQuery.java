package io.tollgate.sandbox.org;

import io.tollgate.sandbox.org.query.Dialect;
import io.tollgate.sandbox.org.query.Expression;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The selection of an Okta list operation: at most one of {@code q} (a lookup, which Okta does not
 * page), {@code search} or {@code filter}, and the page ({@code after}, {@code limit}).
 *
 * @param shaping the given parameters that select the list, repeated in its links
 */
record ListQuery(Optional<String> q, Optional<Expression> expression, String after, int limit, Map<String, String> shaping) {

    /** The page sizes of one list operation. */
    record Limits(int defaultLimit, int lookupDefaultLimit, int maximum) {
    }

    static ListQuery read(String q, String search, String filter, String after, String limit,
                          Dialect searchDialect, Dialect filterDialect, Limits limits) {
        String mode = Listing.onlyOne(Listing.parameters("q", q, "search", search, "filter", filter))
                .map(Map.Entry::getKey).orElse("");
        boolean lookup = mode.equals("q");
        Optional<Expression> expression = switch (mode) {
            case "search" -> Optional.of(Listing.expression(search, searchDialect));
            case "filter" -> Optional.of(Listing.expression(filter, filterDialect));
            default -> Optional.empty();
        };
        String cursor = lookup ? null : after;
        return new ListQuery(Optional.ofNullable(q), expression, cursor,
                Listing.limit(limit, lookup ? limits.lookupDefaultLimit() : limits.defaultLimit(), limits.maximum()),
                Listing.present(Listing.parameters("q", q, "search", search, "filter", filter, "after", cursor)));
    }

    <T> Response answer(Page<T> page, Function<T, JsonObject> json, String collectionUrl) {
        return Listing.answer(page.items().stream().map(json).toList(), collectionUrl, shaping, limit, page.next(), q.isEmpty());
    }
}
