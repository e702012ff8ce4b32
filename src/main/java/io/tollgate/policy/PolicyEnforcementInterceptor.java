package io.tollgate.policy;

import io.tollgate.access.control.AccessRequests;
import io.tollgate.access.control.Grants;
import io.tollgate.access.entity.AccessRequest;
import io.tollgate.access.entity.RequestBinding;
import io.tollgate.common.Sha256;
import io.tollgate.connection.Connection;
import io.tollgate.okta.OktaError;
import io.tollgate.proxy.AmbiguousPathException;
import io.tollgate.proxy.ProxyRefusal;
import io.tollgate.proxy.QueryParameters;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every forwarded request is decided by its connection's policy first. {@code allow} proceeds;
 * {@code grant} proceeds under an active grant of the agent's that covers the operation;
 * {@code approve} proceeds once, under a person's approval of exactly this request, and otherwise
 * files it for approval. Everything else is refused in Okta's error shape with a Tollgate error
 * code, the deciding rule and its reason, so SDKs surface why.
 */
@PolicyEnforced
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class PolicyEnforcementInterceptor {

    public static final String ACCESS_REQUEST_HEADER = "Tollgate-Access-Request";

    @Inject
    Policies policies;

    @Inject
    Grants grants;

    @Inject
    AccessRequests accessRequests;

    /** The most of a request body held in memory so a policy can look at it; larger bodies such rules deny. */
    @Inject
    @ConfigProperty(name = "tollgate.policy.max-inspected-body-bytes", defaultValue = "1048576")
    int maxInspectedBody;

    @AroundInvoke
    Object enforce(InvocationContext invocation) throws Exception {
        // PolicyEnforcedMethods lets the application start only if every bound method takes a PolicySubject, alone.
        PolicySubject exchange = PolicySubject.class.cast(invocation.getParameters()[0]);
        PolicyDecision decision = decide(exchange);
        exchange.decided(decision);
        switch (decision.decision()) {
            case ALLOW -> {
                return invocation.proceed();
            }
            case GRANT -> {
                grants.admit(exchange.identity(), exchange.connection().name(), decision.operation().orElse(null), null)
                        .ifPresent(grant -> exchange.admittedUnder(grant.id()));
                if (exchange.grantId().isPresent()) {
                    return invocation.proceed();
                }
                throw refusal(decision, TollgateErrorCodes.GRANT_REQUIRED,
                        "This request needs a just-in-time grant: ask for one at /api/access-requests");
            }
            case APPROVE -> {
                RequestBinding binding = binding(exchange, decision);
                grants.admit(exchange.identity(), exchange.connection().name(), decision.operation().orElse(null), binding)
                        .ifPresent(grant -> exchange.admittedUnder(grant.id()));
                if (exchange.grantId().isPresent()) {
                    return invocation.proceed();
                }
                throw approvalRequired(exchange, decision, binding);
            }
            default -> throw refusal(decision, TollgateErrorCodes.DENIED, "Denied by Tollgate policy");
        }
    }

    private PolicyDecision decide(PolicySubject exchange) throws ProxyRefusal {
        Connection connection = exchange.connection();
        Policy policy = policies.current(connection).orElseThrow(() -> new ProxyRefusal("deny",
                OktaError.of(403, TollgateErrorCodes.DENIED, "Denied by Tollgate policy",
                        "connection '" + connection.name() + "' has no policy in force"),
                "no policy in force for connection " + connection.name()));
        PolicyRequest request;
        try {
            request = new PolicyRequest(exchange.method(), exchange.decodedPath(), QueryParameters.parse(exchange.queryString()),
                    () -> exchange.inspectBody(maxInspectedBody));
        } catch (AmbiguousPathException e) {
            throw ProxyRefusal.badPath(e.getMessage());
        }
        return policy.evaluate(exchange.identity(), request);
    }

    /** A person approves one exact request: its method, canonical path, query and body (by hash). */
    private RequestBinding binding(PolicySubject exchange, PolicyDecision decision) throws ProxyRefusal, IOException {
        Optional<byte[]> body = exchange.inspectBody(maxInspectedBody);
        if (body.isEmpty()) {
            throw refusal(decision, TollgateErrorCodes.DENIED, "Denied by Tollgate policy: the request body is too large to be approved");
        }
        String query = exchange.queryString();
        return new RequestBinding(exchange.method(), exchange.decodedPath(), query == null ? "" : query, Sha256.hex(body.get()));
    }

    private ProxyRefusal approvalRequired(PolicySubject exchange, PolicyDecision decision, RequestBinding binding) {
        PolicyRule rule = decision.decidingRule().orElseThrow();
        ApprovalSettings approval = decision.approval().orElseThrow(() ->
                new IllegalStateException("approve rule " + rule.name() + " has no approval settings"));
        AccessRequest held = accessRequests.fileHeld(exchange.identity(), exchange.connection(), rule, approval,
                decision.operation().orElse(null), binding);
        String location = "/api/access-requests/" + held.id();
        List<String> causes = new ArrayList<>(List.of("rule: " + rule.name(), decision.reason(),
                "access request: " + location));
        return new ProxyRefusal(decision.decision().word(), OktaError.of(403, TollgateErrorCodes.APPROVAL_REQUIRED,
                "This request needs a person's approval; repeat it once " + location + " is approved",
                causes.toArray(String[]::new)), "rule " + rule.name() + ": " + decision.reason() + " (" + location + ")")
                .awaiting(held.id(), location, ACCESS_REQUEST_HEADER);
    }

    static ProxyRefusal refusal(PolicyDecision decision, String code, String summary) {
        List<String> causes = new ArrayList<>();
        decision.decidingRule().ifPresent(rule -> causes.add("rule: " + rule.name()));
        causes.add(decision.reason());
        String reason = decision.decidingRule().map(rule -> "rule " + rule.name() + ": ").orElse("") + decision.reason();
        return new ProxyRefusal(decision.decision().word(), OktaError.of(403, code, summary, causes.toArray(String[]::new)), reason);
    }
}
