package io.tollgate.proxy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points the upstream's own absolute URLs back through Tollgate: a URL that starts with the
 * connection's base URL gets the proxied base URL instead, the rest (path and query) kept byte for
 * byte. Any other URL (another host, a CDN) is left alone.
 */
public final class LinkRewriter {

    private static final Pattern LINK_TARGET = Pattern.compile("<([^>]*)>");

    private final String upstreamBase;
    private final String proxiedBase;

    /**
     * @param upstreamBase the connection's base URL, no trailing slash ({@code https://acme.okta.com})
     * @param proxiedBase  where agents reach it, no trailing slash ({@code https://tollgate.example/proxy/okta})
     */
    public LinkRewriter(String upstreamBase, String proxiedBase) {
        this.upstreamBase = upstreamBase;
        this.proxiedBase = proxiedBase;
    }

    public String rewriteUrl(String url) {
        if (url.length() >= upstreamBase.length() && url.regionMatches(true, 0, upstreamBase, 0, upstreamBase.length())) {
            if (url.length() == upstreamBase.length()) {
                return proxiedBase;
            }
            char next = url.charAt(upstreamBase.length());
            if (next == '/' || next == '?' || next == '#') {
                return proxiedBase + url.substring(upstreamBase.length());
            }
        }
        return url;
    }

    /** Rewrites every {@code <target>} of an RFC 8288 {@code Link} header value. */
    public String rewriteLinkHeader(String value) {
        Matcher matcher = LINK_TARGET.matcher(value);
        StringBuilder rewritten = new StringBuilder(value.length() + 32);
        while (matcher.find()) {
            matcher.appendReplacement(rewritten, Matcher.quoteReplacement("<" + rewriteUrl(matcher.group(1)) + ">"));
        }
        matcher.appendTail(rewritten);
        return rewritten.toString();
    }
}
