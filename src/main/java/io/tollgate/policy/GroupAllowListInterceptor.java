package io.tollgate.policy;

import io.tollgate.connection.Connection;
import io.tollgate.proxy.ProxyExchange;
import io.tollgate.proxy.ProxyRefusal;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * The first policy: an agent passes only if its token puts it in one of the connection's allowed
 * groups. A connection without allowed groups lets nobody through.
 */
@PolicyEnforced
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class GroupAllowListInterceptor {

    @AroundInvoke
    Object enforce(InvocationContext invocation) throws Exception {
        ProxyExchange exchange = (ProxyExchange) invocation.getParameters()[0];
        Connection connection = exchange.connection();
        if (!exchange.identity().isMemberOfAny(connection.allowedGroups())) {
            throw ProxyRefusal.denied("Tollgate: the agent is in none of the groups allowed through connection '"
                    + connection.name() + "'");
        }
        return invocation.proceed();
    }
}
