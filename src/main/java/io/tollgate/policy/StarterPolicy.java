package io.tollgate.policy;

import io.tollgate.connection.ConnectionKind;
import io.tollgate.policy.catalog.OperationCatalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The policy Tollgate ships for Okta connections, in force until an operator replaces it: reads for
 * {@code agents-readonly} and {@code agents-provisioning}, user and group changes for
 * {@code agents-provisioning} under a grant, role assignments only with approval, and what must
 * never happen through an agent (super and org admin roles, API tokens and client secrets, deleting
 * users) denied. The document itself explains each rule.
 */
public final class StarterPolicy {

    /** The starter policy document on the class path. */
    public static final String OKTA_RESOURCE = "META-INF/tollgate/policies/okta.yaml";

    private StarterPolicy() {
    }

    /** The starter policy's text, as an operator would start editing it. */
    public static String oktaSource() {
        try (InputStream in = StarterPolicy.class.getClassLoader().getResourceAsStream(OKTA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The starter policy " + OKTA_RESOURCE + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the starter policy " + OKTA_RESOURCE, e);
        }
    }

    /**
     * The starter policy for an {@code okta} connection.
     *
     * @throws IllegalStateException when the shipped document does not validate against the catalog (a build defect)
     */
    public static Policy okta(OperationCatalog catalog) {
        try {
            return Policy.parse(oktaSource(), ConnectionKind.OKTA, catalog);
        } catch (PolicyValidationException e) {
            throw new IllegalStateException("The starter policy " + OKTA_RESOURCE + " is invalid: " + e.getMessage(), e);
        }
    }
}
