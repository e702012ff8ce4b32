package io.tollgate.bench;

import io.tollgate.connection.ConnectionKind;
import io.tollgate.policy.Decision;
import io.tollgate.policy.Policy;
import io.tollgate.policy.PolicyDecision;
import io.tollgate.policy.PolicyRule;
import io.tollgate.policy.catalog.OktaOperationCatalog;
import io.tollgate.policy.catalog.OperationCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The benchmark measures what it says: a valid policy of the given size whose last rule alone decides. */
class PolicyDecisionBenchmarkTest {

    private static final OperationCatalog CATALOG = OktaOperationCatalog.get();

    @ParameterizedTest
    @CsvSource({"10, spread", "1000, spread", "10, shared-group", "1000, shared-group", "10, same-operation", "1000, same-operation"})
    void theLastRuleAloneAllowsTheMeasuredRequest(int size, String shape) throws Exception {
        Policy policy = Policy.parse(PolicyDecisionBenchmark.syntheticPolicy(size, shape, CATALOG), ConnectionKind.OKTA, CATALOG);

        PolicyDecision decision = policy.evaluate(PolicyDecisionBenchmark.agent(), PolicyDecisionBenchmark.listUsers());

        assertEquals(size, policy.rules().size());
        assertEquals(Decision.ALLOW, decision.decision());
        assertEquals(PolicyDecisionBenchmark.ALLOWING_RULE, decision.decidingRule().map(PolicyRule::name).orElseThrow());
    }
}
