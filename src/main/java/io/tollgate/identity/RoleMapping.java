package io.tollgate.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.EnumSet;
import java.util.Set;

/** Maps a verified identity's groups to Tollgate roles, with group names from configuration. */
@ApplicationScoped
public class RoleMapping {

    @Inject
    @ConfigProperty(name = "tollgate.roles.admin-group", defaultValue = "tollgate-admins")
    String adminGroup;

    @Inject
    @ConfigProperty(name = "tollgate.roles.approver-group", defaultValue = "tollgate-approvers")
    String approverGroup;

    @Inject
    @ConfigProperty(name = "tollgate.roles.auditor-group", defaultValue = "tollgate-auditors")
    String auditorGroup;

    public Set<Role> rolesOf(AgentIdentity identity) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        if (identity.groups().contains(adminGroup)) {
            roles.add(Role.ADMIN);
        }
        if (identity.groups().contains(approverGroup)) {
            roles.add(Role.APPROVER);
        }
        if (identity.groups().contains(auditorGroup)) {
            roles.add(Role.AUDITOR);
        }
        if (roles.isEmpty()) {
            roles.add(Role.AGENT);
        }
        return roles;
    }
}
