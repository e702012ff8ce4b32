package io.tollgate.sandbox;

import io.tollgate.sandbox.authorization.AuthorizationServerResource;
import io.tollgate.sandbox.authorization.OrgAuthorizationServerResource;
import io.tollgate.sandbox.org.AppsResource;
import io.tollgate.sandbox.org.GroupsResource;
import io.tollgate.sandbox.org.LogsResource;
import io.tollgate.sandbox.org.UsersResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/**
 * The built-in Okta sandbox, for trials and tests only: an Okta-shaped org (Management API under
 * {@code api/v1}), its custom authorization server ({@code oauth2/default}), the org authorization
 * server for service apps ({@code oauth2/v1}) and the sandbox's own reset ({@code admin/reset}). Off unless
 * {@code tollgate.sandbox.enabled} is true; then every path answers 404 (see {@link SandboxGate}).
 * It lists its own classes so that Tollgate's other JAX-RS applications neither see nor share them.
 */
@ApplicationPath("/sandbox/okta")
public class SandboxApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(RateLimits.class, SandboxGate.class, SandboxErrors.class, UsersResource.class, GroupsResource.class,
                AppsResource.class, LogsResource.class, SandboxAdminResource.class, AuthorizationServerResource.class,
                OrgAuthorizationServerResource.class);
    }
}
