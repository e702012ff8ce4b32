package io.tollgate.connection;

import io.tollgate.okta.OktaError;
import io.tollgate.proxy.ProxyExchange;
import io.tollgate.proxy.ProxyRefusal;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.util.Optional;

/**
 * Counts each admitted request against the agent's quota on its connection, after policy (a denied
 * request spends nothing) and before the request is recorded and sent. Over its quota, the agent
 * gets Okta's own answer, 429 {@code E0000047} with {@code X-Rate-Limit-Limit}, {@code -Remaining}
 * and {@code -Reset}, so Okta's SDKs back off as they would from Okta; the upstream never sees it.
 */
@QuotaEnforced
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 50)
public class QuotaEnforcementInterceptor {

    @Inject
    AgentQuotas quotas;

    @AroundInvoke
    Object enforce(InvocationContext invocation) throws Exception {
        ProxyExchange exchange = (ProxyExchange) invocation.getParameters()[0];
        Optional<TokenBucket.Admission> admission = quotas.admit(exchange.connection(), exchange.identity());
        if (admission.isPresent() && !admission.get().admitted()) {
            TokenBucket.Admission refused = admission.get();
            throw new ProxyRefusal("rate-limited", OktaError.of(429, OktaError.RATE_LIMITED,
                    "API call exceeded rate limit due to too many requests."),
                    "agent " + exchange.identity().subject() + " exceeded its quota of " + refused.limit()
                            + " requests on connection " + exchange.connection().name())
                    .withHeader("X-Rate-Limit-Limit", Integer.toString(refused.limit()))
                    .withHeader("X-Rate-Limit-Remaining", "0")
                    .withHeader("X-Rate-Limit-Reset", Long.toString(refused.resetEpochSecond()));
        }
        return invocation.proceed();
    }
}
