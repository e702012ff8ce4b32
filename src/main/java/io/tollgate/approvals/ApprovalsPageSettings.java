package io.tollgate.approvals;

import io.tollgate.identity.IdentitySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Where the approvals page signs people in ({@code tollgate.approvals.*}): the OpenID Connect issuer
 * (by default the first trusted issuer, whose access tokens Tollgate's API accepts), the page's
 * public client id and the scopes it asks for.
 */
@ApplicationScoped
public class ApprovalsPageSettings {

    @Inject
    @ConfigProperty(name = "tollgate.approvals.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "tollgate.approvals.client-id", defaultValue = "tollgate-approvals")
    String clientId;

    @Inject
    @ConfigProperty(name = "tollgate.approvals.scopes", defaultValue = "openid,profile")
    List<String> scopes;

    @Inject
    IdentitySettings identity;

    /** Empty when neither the page's issuer nor any trusted issuer is configured: then nobody can sign in. */
    public Optional<String> issuer() {
        return issuer.filter(value -> !value.isBlank()).or(() -> identity.issuers().stream().findFirst())
                .map(value -> value.replaceAll("/+$", ""));
    }

    /** {@code scheme://host[:port]} of the issuer, which the page's script must be allowed to reach. */
    public Optional<String> issuerOrigin() {
        return issuer().map(URI::create).map(uri -> uri.getScheme() + "://" + uri.getRawAuthority());
    }

    public String clientId() {
        return clientId;
    }

    public List<String> scopes() {
        return scopes;
    }
}
