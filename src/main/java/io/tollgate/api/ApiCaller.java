package io.tollgate.api;

import io.tollgate.identity.AgentIdentity;
import io.tollgate.identity.Role;
import jakarta.enterprise.context.RequestScoped;

import java.util.Set;

/** Who is calling Tollgate's API in the current request, once authenticated. */
@RequestScoped
public class ApiCaller {

    private AgentIdentity identity;
    private Set<Role> roles = Set.of();

    void authenticated(AgentIdentity identity, Set<Role> roles) {
        this.identity = identity;
        this.roles = Set.copyOf(roles);
    }

    public AgentIdentity identity() {
        if (identity == null) {
            throw new IllegalStateException("no authenticated caller in this request");
        }
        return identity;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public Set<Role> roles() {
        return roles;
    }
}
