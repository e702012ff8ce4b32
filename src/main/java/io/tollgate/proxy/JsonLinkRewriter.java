package io.tollgate.proxy;

import com.fasterxml.jackson.core.JsonStreamContext;
import io.tollgate.masking.JsonStringFilter;

/**
 * Rewrites {@code _links.<rel>.href} and {@code _links.<rel>[i].href} of a JSON document with a
 * {@link LinkRewriter}, in the masker's streaming pass over the document.
 */
final class JsonLinkRewriter implements JsonStringFilter {

    private final LinkRewriter rewriter;

    JsonLinkRewriter(LinkRewriter rewriter) {
        this.rewriter = rewriter;
    }

    @Override
    public String filter(JsonStreamContext context, String value) {
        return isLinkHref(context) ? rewriter.rewriteUrl(value) : value;
    }

    private static boolean isLinkHref(JsonStreamContext context) {
        if (!context.inObject() || !"href".equals(context.getCurrentName())) {
            return false;
        }
        JsonStreamContext relation = context.getParent();
        if (relation != null && relation.inArray()) {
            relation = relation.getParent();
        }
        if (relation == null || !relation.inObject()) {
            return false;
        }
        JsonStreamContext links = relation.getParent();
        return links != null && links.inObject() && "_links".equals(links.getCurrentName());
    }
}
