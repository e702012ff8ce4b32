package io.tollgate.policy;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.interceptor.Interceptor;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds every use of {@link PolicyEnforced} to the interceptor's contract: on a method with exactly
 * one parameter, a {@link PolicySubject}. Anything else stops the deployment, so the interceptor
 * takes its subject without checking it on every call.
 */
public class PolicyEnforcedMethods implements Extension {

    private final List<String> violations = new ArrayList<>();

    <T> void check(@Observes @WithAnnotations(PolicyEnforced.class) ProcessAnnotatedType<T> event) {
        AnnotatedType<T> type = event.getAnnotatedType();
        if (type.isAnnotationPresent(Interceptor.class)) {
            return;
        }
        if (type.isAnnotationPresent(PolicyEnforced.class)) {
            violations.add(type.getJavaClass().getName() + " (bind it to the method that passes the request on)");
        }
        for (AnnotatedMethod<? super T> method : type.getMethods()) {
            if (method.isAnnotationPresent(PolicyEnforced.class) && !keepsContract(method.getJavaMember())) {
                violations.add(method.getJavaMember().toGenericString());
            }
        }
    }

    void report(@Observes AfterBeanDiscovery discovery) {
        violations.forEach(use -> discovery.addDefinitionError(new DefinitionException(
                "@PolicyEnforced belongs on a method whose single parameter is a " + PolicySubject.class.getName() + ": " + use)));
    }

    static boolean keepsContract(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        return parameters.length == 1 && PolicySubject.class.isAssignableFrom(parameters[0]);
    }
}
