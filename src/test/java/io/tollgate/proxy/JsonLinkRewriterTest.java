package io.tollgate.proxy;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonLinkRewriterTest {

    private final LinkRewriter links = new LinkRewriter("https://acme.okta.com", "https://tg.example/proxy/okta");

    private String rewrite(String json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = JsonLinkRewriter.copy(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, links);
        assertEquals(out.size(), written);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rewritesHrefsUnderLinksInObjectsAndArrays() throws IOException {
        String json = "[{\"id\":\"00g1\",\"_links\":{\"users\":{\"href\":\"https://acme.okta.com/api/v1/groups/00g1/users\"},"
                + "\"logo\":[{\"name\":\"medium\",\"href\":\"https://op1static.oktacdn.com/m.png\"},"
                + "{\"name\":\"x\",\"href\":\"https://acme.okta.com/x\"}]}}]";
        assertEquals("[{\"id\":\"00g1\",\"_links\":{\"users\":{\"href\":\"https://tg.example/proxy/okta/api/v1/groups/00g1/users\"},"
                + "\"logo\":[{\"name\":\"medium\",\"href\":\"https://op1static.oktacdn.com/m.png\"},"
                + "{\"name\":\"x\",\"href\":\"https://tg.example/proxy/okta/x\"}]}}]", rewrite(json));
    }

    @Test
    void leavesHrefsOutsideLinksAndOtherFieldsAlone() throws IOException {
        String json = "{\"profile\":{\"href\":\"https://acme.okta.com/a\",\"website\":\"https://acme.okta.com/b\"},"
                + "\"_links\":{\"self\":{\"method\":\"https://acme.okta.com/c\"}}}";
        assertEquals(json, rewrite(json));
    }

    @Test
    void copiesNumbersLiteralsAndEscapesExactly() throws IOException {
        String json = "{\"a\":1.10,\"b\":12345678901234567890123,\"c\":-0.0e+5,\"d\":null,\"e\":true,\"f\":\"\\u00e9\\n\"}";
        assertEquals("{\"a\":1.10,\"b\":12345678901234567890123,\"c\":-0.0e+5,\"d\":null,\"e\":true,\"f\":\"é\\n\"}", rewrite(json));
    }
}
