package io.tollgate.policy;

import io.tollgate.connection.Connection;
import io.tollgate.identity.AgentIdentity;

import java.io.IOException;
import java.util.Optional;

/**
 * What the policy needs of a request it decides, and where it leaves its verdict: the single
 * parameter of every method bound to {@link PolicyEnforced} (checked as the application starts,
 * by {@link PolicyEnforcedMethods}).
 */
public interface PolicySubject {

    AgentIdentity identity();

    Connection connection();

    /** The HTTP method as sent. */
    String method();

    /** The decoded, canonical path that policies match. */
    String decodedPath();

    /** The raw query string, or null without one. */
    String queryString();

    /**
     * The whole body if it is at most {@code limit} bytes long, otherwise empty; whatever is read
     * for inspection is still forwarded with the rest.
     */
    Optional<byte[]> inspectBody(int limit) throws IOException;

    void decided(PolicyDecision decision);

    /** The grant under which the request passes, when policy said {@code grant} or {@code approve}. */
    Optional<String> grantId();

    void admittedUnder(String grantId);
}
