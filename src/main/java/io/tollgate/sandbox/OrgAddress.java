package io.tollgate.sandbox;

import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The URLs under which a caller may have addressed the sandbox org. The org lives at
 * {@code /sandbox/okta} on Tollgate's host; Okta's SDKs, though, address {@code /oauth2/v1/token}
 * and {@code /api/v1/...} at the root of the org's host, so a front proxy may mount the org at the
 * root of a host of its own, keeping the {@code Host} header and prefixing the path. DPoP proofs
 * ({@code htu}) and client assertions ({@code aud}) name the URL the client used, so both forms are
 * accepted, always on the host the request names.
 */
public final class OrgAddress {

    private final String mounted;
    private final String rootMounted;
    private final String relativePath;

    private OrgAddress(String mounted, String rootMounted, String relativePath) {
        this.mounted = mounted;
        this.rootMounted = rootMounted;
        this.relativePath = relativePath;
    }

    public static OrgAddress of(UriInfo uriInfo) {
        String base = uriInfo.getBaseUri().toString();
        String mounted = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        URI baseUri = uriInfo.getBaseUri();
        String rootMounted = baseUri.getScheme() + "://" + baseUri.getRawAuthority();
        return new OrgAddress(mounted, rootMounted, "/" + SandboxErrors.relativePath(uriInfo));
    }

    /** The org's URL as Tollgate serves it, e.g. {@code http://host/sandbox/okta}. */
    public String orgUrl() {
        return mounted;
    }

    /** Both URLs of the org: as served, and mounted at the root of the same host. */
    public Set<String> orgUrls() {
        return new LinkedHashSet<>(java.util.List.of(mounted, rootMounted));
    }

    /** The request's URL without query, in both forms. */
    public Set<String> requestUrls() {
        return urlsOf(relativePath);
    }

    /** An org path (such as {@code /oauth2/v1/token}) in both forms. */
    public Set<String> urlsOf(String path) {
        return new LinkedHashSet<>(java.util.List.of(mounted + path, rootMounted + path));
    }
}
