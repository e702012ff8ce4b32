package io.tollgate.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the agent should see of the upstream's links, by the proxy's contract: {@code Link} header
 * targets and {@code _links.<rel>.href} / {@code _links.<rel>[i].href} in JSON bodies (at any
 * depth) that start with the upstream's base URL point to the proxied base URL instead, the rest
 * of the URL byte for byte; every other URL is left as it is.
 */
public final class ProxiedLinks {

    private static final Pattern LINK_TARGET = Pattern.compile("<([^>]*)>");

    private ProxiedLinks() {
    }

    public static String linkHeader(String value, String upstreamBase, String proxiedBase) {
        Matcher target = LINK_TARGET.matcher(value);
        StringBuilder rewritten = new StringBuilder();
        while (target.find()) {
            String url = target.group(1);
            String replacement = url.startsWith(upstreamBase) ? proxiedBase + url.substring(upstreamBase.length()) : url;
            target.appendReplacement(rewritten, Matcher.quoteReplacement("<" + replacement + ">"));
        }
        return target.appendTail(rewritten).toString();
    }

    /** A rewritten copy of {@code body}; the argument is left untouched. */
    public static JsonNode body(JsonNode body, String upstreamBase, String proxiedBase) {
        JsonNode copy = body.deepCopy();
        rewrite(copy, upstreamBase, proxiedBase);
        return copy;
    }

    private static void rewrite(JsonNode node, String upstreamBase, String proxiedBase) {
        if (node.isObject() && node.get("_links") instanceof ObjectNode links) {
            links.forEach(rel -> {
                if (rel.isArray()) {
                    rel.forEach(link -> rewriteHref(link, upstreamBase, proxiedBase));
                } else {
                    rewriteHref(rel, upstreamBase, proxiedBase);
                }
            });
        }
        node.forEach(child -> rewrite(child, upstreamBase, proxiedBase));
    }

    private static void rewriteHref(JsonNode link, String upstreamBase, String proxiedBase) {
        if (link instanceof ObjectNode object && object.path("href").isTextual()) {
            String href = object.get("href").asText();
            if (href.startsWith(upstreamBase)) {
                object.put("href", proxiedBase + href.substring(upstreamBase.length()));
            }
        }
    }
}
