package io.tollgate.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The replay and link tests compute what the agent should see with these rules; they must be the contract's. */
class ProxiedLinksTest {

    private static final String UPSTREAM = "http://localhost:1/upstream";
    private static final String PROXIED = "http://localhost:2/proxy/stub";

    @Test
    void rewritesOnlyLinkTargetsUnderTheUpstreamBase() {
        String header = "<" + UPSTREAM + "/api/v1/users?after=a%2Bb&limit=2>; rel=\"next\", "
                + "<https://cdn.example.com/x?y=1>; rel=\"alternate\"";

        assertEquals("<" + PROXIED + "/api/v1/users?after=a%2Bb&limit=2>; rel=\"next\", "
                        + "<https://cdn.example.com/x?y=1>; rel=\"alternate\"",
                ProxiedLinks.linkHeader(header, UPSTREAM, PROXIED));
    }

    @Test
    void rewritesHrefsUnderLinksAtAnyDepthAndNothingElse() {
        JsonNode body = Json.read("[{\"activationUrl\":\"" + UPSTREAM + "/a\","
                + "\"_links\":{\"self\":{\"href\":\"" + UPSTREAM + "/u/1?x=%2F\"},"
                + "\"logo\":[{\"href\":\"https://cdn.example.com/l.png\"},{\"href\":\"" + UPSTREAM + "/l.png\"}]},"
                + "\"_embedded\":{\"g\":{\"_links\":{\"self\":{\"href\":\"" + UPSTREAM + "/g/1\"}}}}}]");

        JsonNode rewritten = ProxiedLinks.body(body, UPSTREAM, PROXIED);

        assertEquals(Json.read("[{\"activationUrl\":\"" + UPSTREAM + "/a\","
                + "\"_links\":{\"self\":{\"href\":\"" + PROXIED + "/u/1?x=%2F\"},"
                + "\"logo\":[{\"href\":\"https://cdn.example.com/l.png\"},{\"href\":\"" + PROXIED + "/l.png\"}]},"
                + "\"_embedded\":{\"g\":{\"_links\":{\"self\":{\"href\":\"" + PROXIED + "/g/1\"}}}}}]"), rewritten);
        assertEquals(UPSTREAM + "/u/1?x=%2F", body.at("/0/_links/self/href").asText(), "the argument is left untouched");
    }
}
