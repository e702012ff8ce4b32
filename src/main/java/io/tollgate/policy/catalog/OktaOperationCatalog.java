package io.tollgate.policy.catalog;

/**
 * The operations of Okta's Management API, from the catalog file generated out of Okta's published
 * OpenAPI spec (see {@code OktaOperationsGenerator} in the tests; the runtime never reads the spec).
 * Loaded once per class loader, on first use.
 * <p>
 * The spec has no literal {@code /api/v1/users/me}: Okta documents {@code me} as a value of
 * {@code getUser}'s {@code {id}}, so that request resolves to {@code getUser}, as Okta serves it.
 */
public final class OktaOperationCatalog {

    /** The catalog file on the class path. */
    public static final String RESOURCE = "META-INF/tollgate/okta-operations.tsv";

    private OktaOperationCatalog() {
    }

    /**
     * The catalog of Okta's Management API operations.
     *
     * @throws IllegalStateException when the catalog file is missing; IllegalArgumentException when it is malformed
     */
    public static OperationCatalog get() {
        return Loaded.CATALOG;
    }

    /* The class loader initializes this holder once, on first access, and publishes it safely. */
    private static final class Loaded {
        static final OperationCatalog CATALOG =
                OperationCatalog.fromResource(OktaOperationCatalog.class.getClassLoader(), RESOURCE);
    }
}
