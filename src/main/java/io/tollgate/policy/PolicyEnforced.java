package io.tollgate.policy;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The call passes an agent's request on: the connection's policy decides first, and may refuse it.
 * Only on methods whose single parameter is the {@link PolicySubject} decided (the type level is
 * for the interceptor).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PolicyEnforced {
}
