package io.tollgate.sandbox.org;

import io.tollgate.sandbox.OktaProblem;
import io.tollgate.sandbox.org.query.Dialect;
import io.tollgate.sandbox.org.query.Expression;
import io.tollgate.sandbox.org.query.Operator;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Okta's System Log API ({@code GET /api/v1/logs}): the sandbox's own changes as events, between
 * {@code since} (default: seven days ago) and {@code until}, narrowed by a {@code filter}
 * expression. Without {@code until} the answer is a polling request: its {@code next} link is
 * always there, and following it later returns the events published since.
 */
@Path("api/v1/logs")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class LogsResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAXIMUM_LIMIT = 1000;
    static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    /** The event attributes a filter may compare ({@code eq}, {@code co}, {@code sw}), as Okta's System Log filter allows. */
    static final Dialect FILTER = new Dialect("filter", true, (attribute, operator) -> Set.of(
            "eventType", "uuid", "severity", "displayMessage", "outcome.result", "actor.id", "actor.type",
            "actor.alternateId", "actor.displayName", "legacyEventType").contains(attribute)
            && Set.of(Operator.EQ, Operator.CO, Operator.SW).contains(operator));

    @Inject
    Org org;

    @Context
    UriInfo uriInfo;

    @GET
    public Response list(@QueryParam("since") String since, @QueryParam("until") String until,
                         @QueryParam("filter") String filter, @QueryParam("q") String q,
                         @QueryParam("after") String after, @QueryParam("limit") String limit) {
        Instant from = Optional.ofNullable(since).map(value -> instant("since", value))
                .orElse(org.directory().now().minus(DEFAULT_WINDOW));
        Instant to = Optional.ofNullable(until).map(value -> instant("until", value)).orElse(null);
        if (to != null && !from.isBefore(to)) {
            throw OktaProblem.invalid("until", "Must be later than since");
        }
        Predicate<JsonObject> matching = Optional.ofNullable(filter).map(text -> {
            Expression expression = Listing.expression(text, FILTER);
            return (Predicate<JsonObject>) expression::matches;
        }).orElse(event -> true);
        Predicate<JsonObject> keyword = Optional.ofNullable(q).map(LogsResource::containsAll).orElse(event -> true);
        int pageSize = Listing.limit(limit, DEFAULT_LIMIT, MAXIMUM_LIMIT);
        long cursor = cursor(after);
        Page<JsonObject> page = org.log().list(from, to, matching.and(keyword), cursor, pageSize);
        // Polling (no until): there is always a next page to ask for later. A bounded query ends once a page is short.
        boolean more = to == null || page.items().size() == pageSize;
        Optional<String> next = more ? page.next() : Optional.empty();
        Map<String, String> shaping = Listing.present(Listing.parameters("since", since, "until", until, "filter", filter,
                "q", q, "after", after));
        return Listing.answer(page.items(), Listing.json(uriInfo).orgUrl() + "/api/v1/logs", shaping, pageSize, next, true);
    }

    /** Okta's {@code q}: every space-separated keyword appears somewhere in the event. */
    private static Predicate<JsonObject> containsAll(String q) {
        String[] keywords = q.trim().split("\\s+");
        return event -> {
            String text = event.toString();
            for (String keyword : keywords) {
                if (!text.contains(keyword)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static long cursor(String after) {
        if (after == null || after.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException notOurs) {
            throw OktaProblem.invalid("after", "Not a cursor of this log; follow the next link");
        }
    }

    private static Instant instant(String name, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException invalid) {
            throw OktaProblem.invalid(name, "Must be an ISO 8601 timestamp such as 2024-03-04T09:00:00.000Z");
        }
    }
}
