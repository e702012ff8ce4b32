package io.tollgate.policy;

import io.tollgate.identity.IdentityClaims;
import io.tollgate.policy.StarterCases.StarterCase;
import io.tollgate.policy.catalog.OktaOperationCatalog;
import io.tollgate.policy.catalog.Operation;
import io.tollgate.policy.catalog.OperationCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StarterPolicyTest {

    private static final OperationCatalog CATALOG = OktaOperationCatalog.get();
    private static final Policy STARTER = StarterPolicy.okta(CATALOG);

    static List<StarterCase> cases() {
        return StarterCases.load();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsTheSharedTableSays(StarterCase row) {
        PolicyDecision decision = STARTER.evaluate(row.claims(), row.request());

        assertEquals(row.decision(), decision.decision(), decision::reason);
        assertEquals(row.basis(), decision.basis(), decision::reason);
        assertEquals(row.rule(), decision.decidingRule().map(PolicyRule::name));
        assertEquals(row.operation(), decision.operation().map(Operation::operationId));
    }

    @Test
    void theTableCoversEveryRuleOfTheStarterPolicy() {
        List<String> deciding = cases().stream().flatMap(row -> row.rule().stream()).distinct().toList();
        for (PolicyRule rule : STARTER.rules()) {
            assertTrue(deciding.contains(rule.name()), "no case is decided by " + rule.name());
        }
    }

    @Test
    void roleAssignmentsNeedTwoApproversAndGrantsOneWithinAnHour() {
        ApprovalSettings roles = STARTER.rule("role-assignments-need-approval").orElseThrow().approval().orElseThrow();
        ApprovalSettings changes = STARTER.rule("user-and-group-changes").orElseThrow().approval().orElseThrow();

        assertEquals(List.of("tollgate-approvers"), roles.approverGroups());
        assertEquals(2, roles.approvals());
        assertEquals(1, changes.approvals());
        assertEquals(Duration.ofHours(1), changes.maxDuration());
        assertTrue(changes.reasonRequired());
    }

    @Test
    void theApprovalSettingsTravelWithTheDecision() {
        PolicyDecision decision = STARTER.evaluate(provisioning(), new PolicyRequest("POST", "/api/v1/users/00u1/roles",
                Map.of(), RequestBody.of("{\"type\":\"USER_ADMIN\"}".getBytes())));

        assertEquals(Decision.APPROVE, decision.decision());
        assertEquals(2, decision.approval().orElseThrow().approvals());
        assertTrue(decision.bodyInspected());
    }

    @Test
    void aReadNeverTouchesTheBody() {
        PolicyDecision decision = STARTER.evaluate(provisioning(), new PolicyRequest("GET", "/api/v1/users", Map.of(), () -> {
            throw new AssertionError("the body of a read was read");
        }));

        assertEquals(Decision.ALLOW, decision.decision());
        assertFalse(decision.bodyInspected());
    }

    @Test
    void provisioningAgentsMayAskForUserChangesButNotForDeletingUsers() {
        Operation deactivate = CATALOG.byId("deactivateUser").orElseThrow();
        Operation delete = CATALOG.byId("deleteUser").orElseThrow();

        assertEquals(List.of("user-and-group-changes"),
                STARTER.grantRules(provisioning(), deactivate).stream().map(PolicyRule::name).toList());
        assertEquals(List.of(), STARTER.grantRules(provisioning(), delete));
        assertEquals(List.of(), STARTER.grantRules(IdentityClaims.fromJsonLike(Map.of("groups", List.of("agents-readonly"))), deactivate));
    }

    private static IdentityClaims provisioning() {
        return IdentityClaims.fromJsonLike(Map.of("sub", "agent-provisioner", "groups", List.of("agents-provisioning")));
    }
}
