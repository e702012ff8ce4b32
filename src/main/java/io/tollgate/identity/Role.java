package io.tollgate.identity;

/**
 * What a verified caller may do on Tollgate's own API. Roles come from the token's {@code groups}
 * claim (group names are configurable); a caller with none of the staff roles is an agent.
 */
public enum Role {
    ADMIN,
    APPROVER,
    AUDITOR,
    AGENT;

    /** Names used in {@code @RolesAllowed}. */
    public static final String ADMIN_NAME = "admin";
    public static final String APPROVER_NAME = "approver";
    public static final String AUDITOR_NAME = "auditor";
    public static final String AGENT_NAME = "agent";

    public String roleName() {
        return switch (this) {
            case ADMIN -> ADMIN_NAME;
            case APPROVER -> APPROVER_NAME;
            case AUDITOR -> AUDITOR_NAME;
            case AGENT -> AGENT_NAME;
        };
    }
}
