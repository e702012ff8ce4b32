package io.tollgate.proxy;

import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Headers that concern one connection only (RFC 9110 section 7.6.1), plus those the peer names in
 * its own {@code Connection} header: a proxy must not pass any of them on, or a client could, for
 * example, strip the credential Tollgate injects by naming {@code Authorization} in {@code Connection}.
 */
final class HopByHopHeaders {

    private static final Set<String> ALWAYS = Set.of(
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
            "te", "trailer", "transfer-encoding", "upgrade");

    private final Set<String> names = new TreeSet<>(ALWAYS);

    private HopByHopHeaders() {
    }

    /** @param connectionHeaderValues the values of the peer's {@code Connection} header(s) */
    static HopByHopHeaders of(Enumeration<String> connectionHeaderValues) {
        HopByHopHeaders headers = new HopByHopHeaders();
        if (connectionHeaderValues != null) {
            while (connectionHeaderValues.hasMoreElements()) {
                headers.addListed(connectionHeaderValues.nextElement());
            }
        }
        return headers;
    }

    static HopByHopHeaders of(Iterable<String> connectionHeaderValues) {
        HopByHopHeaders headers = new HopByHopHeaders();
        connectionHeaderValues.forEach(headers::addListed);
        return headers;
    }

    private void addListed(String value) {
        for (String token : value.split(",")) {
            String name = token.strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
    }

    boolean contains(String headerName) {
        return names.contains(headerName.toLowerCase(Locale.ROOT));
    }
}
