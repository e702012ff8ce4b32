package io.tollgate.proxy;

import java.util.List;

/**
 * Where a proxied request goes, after canonicalization.
 *
 * @param connection   the connection's name, the first segment after {@code /proxy/}
 * @param upstreamPath the rest of the path exactly as the agent encoded it (empty or starting with
 *                     {@code /}); it decodes to {@code segments} and to nothing else
 * @param segments     the decoded segments of {@code upstreamPath}, what policies match against
 */
public record ProxyTarget(String connection, String upstreamPath, List<String> segments) {

    public ProxyTarget {
        segments = List.copyOf(segments);
    }

    /** The decoded path, segments joined by {@code /}; a trailing slash is kept. */
    public String decodedPath() {
        return segments.isEmpty() && upstreamPath.isEmpty() ? "" : "/" + String.join("/", segments);
    }
}
