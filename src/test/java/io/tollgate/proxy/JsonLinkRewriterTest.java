package io.tollgate.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which JSON strings the link filter rewrites; the streaming pass itself is the masker's ({@code JsonMaskingCopierTest}). */
class JsonLinkRewriterTest {

    private final JsonLinkRewriter filter =
            new JsonLinkRewriter(new LinkRewriter("https://acme.okta.com", "https://tg.example/proxy/okta"));

    /** Every string value of the document, as the filter leaves it. */
    private List<String> filtered(String json) throws IOException {
        List<String> values = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.VALUE_STRING) {
                    values.add(filter.filter(parser.getParsingContext(), parser.getText()));
                }
            }
        }
        return values;
    }

    @Test
    void rewritesHrefsUnderLinksInObjectsAndArrays() throws IOException {
        String json = "[{\"id\":\"00g1\",\"_links\":{\"users\":{\"href\":\"https://acme.okta.com/api/v1/groups/00g1/users\"},"
                + "\"logo\":[{\"name\":\"medium\",\"href\":\"https://op1static.oktacdn.com/m.png\"},"
                + "{\"name\":\"x\",\"href\":\"https://acme.okta.com/x\"}]}}]";
        assertEquals(List.of("00g1", "https://tg.example/proxy/okta/api/v1/groups/00g1/users", "medium",
                "https://op1static.oktacdn.com/m.png", "x", "https://tg.example/proxy/okta/x"), filtered(json));
    }

    @Test
    void leavesHrefsOutsideLinksAndOtherFieldsAlone() throws IOException {
        String json = "{\"profile\":{\"href\":\"https://acme.okta.com/a\",\"website\":\"https://acme.okta.com/b\"},"
                + "\"_links\":{\"self\":{\"method\":\"https://acme.okta.com/c\"}}}";
        assertEquals(List.of("https://acme.okta.com/a", "https://acme.okta.com/b", "https://acme.okta.com/c"), filtered(json));
    }
}
