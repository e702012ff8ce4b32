package io.tollgate.sandbox.org;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the {@code Link} header values Okta puts on list answers:
 * {@code <https://org/api/v1/users?limit=200>; rel="self"} and, while more remain,
 * {@code <https://org/api/v1/users?after=00u...&limit=200>; rel="next"}. As in Okta's answers the
 * query parameters are in alphabetical order, {@code limit} is always explicit, and values are
 * form-encoded (a space becomes {@code +}).
 */
public final class PageLinks {

    private PageLinks() {
    }

    /**
     * @param resourceUrl the absolute URL of the collection, without query
     * @param query       the request's own query parameters that shape the list (search, filter, q, after)
     * @param limit       the page size actually applied
     * @param next        the cursor of the following page, if any
     */
    public static List<String> of(String resourceUrl, Map<String, String> query, int limit, Optional<String> next) {
        Map<String, String> self = new TreeMap<>(query);
        self.put("limit", Integer.toString(limit));
        List<String> links = new ArrayList<>(2);
        links.add(link(resourceUrl, self, "self"));
        next.ifPresent(cursor -> {
            Map<String, String> following = new TreeMap<>(self);
            following.put("after", cursor);
            links.add(link(resourceUrl, following, "next"));
        });
        return links;
    }

    private static String link(String resourceUrl, Map<String, String> query, String relation) {
        String encoded = query.entrySet().stream()
                .map(parameter -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
                .collect(Collectors.joining("&"));
        return "<" + resourceUrl + "?" + encoded + ">; rel=\"" + relation + "\"";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
