package io.tollgate.credential;

import io.tollgate.access.control.Grants;
import io.tollgate.access.entity.Grant;
import io.tollgate.policy.catalog.Operation;
import io.tollgate.policy.catalog.OperationCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The scopes an upstream token must carry for one request, and how long it may serve. Under a grant:
 * exactly the grant's scopes and the scopes of the operations it names, until the grant ends. Allowed
 * outright: the scopes of the request's operation. When that names none (an operation that needs
 * no scope, an {@code http} connection), the service app's configured scopes.
 */
@ApplicationScoped
public class UpstreamScopes {

    /** What to ask the authorization server for. */
    public record TokenScope(SortedSet<String> scopes, Instant notAfter) {

        public TokenScope {
            scopes = Collections.unmodifiableSortedSet(new TreeSet<>(scopes));
        }
    }

    @Inject
    Grants grants;

    @Inject
    OperationCatalog catalog;

    public TokenScope of(Optional<String> grantId, Optional<Operation> operation, Collection<String> fallback) {
        Optional<Grant> grant = grantId.flatMap(grants::find);
        SortedSet<String> scopes = new TreeSet<>();
        grant.ifPresent(found -> {
            scopes.addAll(found.scopes());
            found.operations().forEach(id -> catalog.byId(id).ifPresent(named -> scopes.addAll(named.scopes())));
        });
        if (scopes.isEmpty()) {
            operation.ifPresent(found -> scopes.addAll(found.scopes()));
        }
        if (scopes.isEmpty()) {
            scopes.addAll(fallback);
        }
        return new TokenScope(scopes, grant.map(Grant::expiresAt).orElse(null));
    }
}
