package io.tollgate.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * Enforces {@code @RolesAllowed} on Tollgate's resources. A resource method that states no roles
 * (and is not {@code @PermitAll}) answers 403 to everybody: an endpoint is closed until it says who
 * may call it.
 */
@Provider
public class RoleCheck implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        if (method.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        RolesAllowed allowed = method.isAnnotationPresent(RolesAllowed.class)
                ? method.getAnnotation(RolesAllowed.class)
                : resource.getResourceClass().getAnnotation(RolesAllowed.class);
        List<String> roles = allowed == null ? List.of() : Arrays.asList(allowed.value());
        context.register(new RoleFilter(roles), Priorities.AUTHORIZATION);
    }

    private record RoleFilter(List<String> roles) implements ContainerRequestFilter {

        @Override
        public void filter(ContainerRequestContext request) {
            if (roles.stream().noneMatch(role -> request.getSecurityContext().isUserInRole(role))) {
                request.abortWith(Problem.response(403, "This operation is not available to the caller's role"));
            }
        }
    }
}
