package io.tollgate.policy;

import io.tollgate.connection.Connection;
import io.tollgate.okta.OktaError;
import io.tollgate.proxy.AmbiguousPathException;
import io.tollgate.proxy.ProxyExchange;
import io.tollgate.proxy.ProxyRefusal;
import io.tollgate.proxy.QueryParameters;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;

/**
 * Every forwarded request is decided by its connection's policy first. {@code allow} proceeds;
 * everything else is refused in Okta's error shape with a Tollgate error code, the deciding rule
 * and its reason, so SDKs surface why.
 */
@PolicyEnforced
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class PolicyEnforcementInterceptor {

    @Inject
    Policies policies;

    /** The most of a request body held in memory so a policy can look at it; larger bodies such rules deny. */
    @Inject
    @ConfigProperty(name = "tollgate.policy.max-inspected-body-bytes", defaultValue = "1048576")
    int maxInspectedBody;

    @AroundInvoke
    Object enforce(InvocationContext invocation) throws Exception {
        ProxyExchange exchange = (ProxyExchange) invocation.getParameters()[0];
        PolicyDecision decision = decide(exchange);
        exchange.decided(decision);
        return switch (decision.decision()) {
            case ALLOW -> invocation.proceed();
            case DENY -> throw refusal(decision, TollgateErrorCodes.DENIED, "Denied by Tollgate policy");
            case GRANT -> throw refusal(decision, TollgateErrorCodes.GRANT_REQUIRED,
                    "This request needs a just-in-time grant: ask for one at /api/access-requests");
            case APPROVE -> throw refusal(decision, TollgateErrorCodes.APPROVAL_REQUIRED,
                    "This request needs a person's approval");
        };
    }

    private PolicyDecision decide(ProxyExchange exchange) throws ProxyRefusal {
        Connection connection = exchange.connection();
        Policy policy = policies.current(connection).orElseThrow(() -> new ProxyRefusal("denied",
                OktaError.of(403, TollgateErrorCodes.DENIED, "Denied by Tollgate policy",
                        "connection '" + connection.name() + "' has no policy in force"),
                "no policy in force for connection " + connection.name()));
        PolicyRequest request;
        try {
            request = new PolicyRequest(exchange.method(), exchange.target().decodedPath(),
                    QueryParameters.parse(exchange.request().getQueryString()),
                    () -> exchange.body(maxInspectedBody).inspect());
        } catch (AmbiguousPathException e) {
            throw ProxyRefusal.badPath(e.getMessage());
        }
        return policy.evaluate(exchange.identity(), request);
    }

    static ProxyRefusal refusal(PolicyDecision decision, String code, String summary) {
        List<String> causes = new ArrayList<>();
        decision.decidingRule().ifPresent(rule -> causes.add("rule: " + rule.name()));
        causes.add(decision.reason());
        String reason = decision.decidingRule().map(rule -> "rule " + rule.name() + ": ").orElse("") + decision.reason();
        return new ProxyRefusal(decision.decision().word(), OktaError.of(403, code, summary, causes.toArray(String[]::new)), reason);
    }
}
