package io.tollgate.api;

import io.tollgate.access.boundary.AccessRequestsResource;
import io.tollgate.access.boundary.GrantsResource;
import io.tollgate.audit.AuditEventsResource;
import io.tollgate.audit.SessionsResource;
import io.tollgate.connection.ConnectionsResource;
import io.tollgate.policy.PolicyDecisionsResource;
import io.tollgate.policy.PolicyResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/**
 * Tollgate's own REST API for agents, approvers, auditors and operators. Every call is
 * authenticated ({@link ApiAuthentication}) and every resource method states the roles that may
 * call it ({@link RoleCheck}); errors are problem bodies ({@link ApiErrors}).
 */
@ApplicationPath("/api")
public class TollgateApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ApiAuthentication.class, RoleCheck.class, ApiErrors.class, UnreadableBodies.class,
                SessionsResource.class, AuditEventsResource.class, PolicyResource.class, PolicyDecisionsResource.class,
                AccessRequestsResource.class, GrantsResource.class, CallersResource.class, ConnectionsResource.class);
    }
}
