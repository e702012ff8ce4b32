package io.tollgate.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The one exact request a person approves when policy says {@code approve}: method, canonical
 * path, raw query and the SHA-256 of the body. Only an identical request may use the approval.
 */
@Embeddable
public class RequestBinding {

    @Column(name = "BOUND_METHOD", length = 16)
    private String method;

    @Column(name = "BOUND_PATH", length = 2048)
    private String path;

    @Column(name = "BOUND_QUERY", length = 4096)
    private String query;

    @Column(name = "BOUND_BODY_SHA256", length = 64)
    private String bodySha256;

    protected RequestBinding() {
    }

    public RequestBinding(String method, String path, String query, String bodySha256) {
        this.method = method;
        this.path = path;
        this.query = query == null ? "" : query;
        this.bodySha256 = bodySha256;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String query() {
        return query;
    }

    public String bodySha256() {
        return bodySha256;
    }

    public boolean isPresent() {
        return method != null;
    }

    public boolean sameAs(RequestBinding other) {
        return other != null && isPresent() && method.equals(other.method) && path.equals(other.path)
                && query.equals(other.query) && bodySha256.equals(other.bodySha256);
    }
}
