package io.tollgate.policy.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes the Okta operation catalog injectable: {@code @Inject OperationCatalog catalog}. It is the
 * only catalog; generic {@code http} connections match method and path directly.
 */
@ApplicationScoped
public class OperationCatalogs {

    /* Singleton rather than a normal scope: the catalog is immutable and final, so it needs no client proxy. */
    @Produces
    @Singleton
    OperationCatalog okta() {
        return OktaOperationCatalog.get();
    }
}
