package io.tollgate.operations;

import io.tollgate.api.TollgateApi;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The endpoints of Tollgate's REST API, read from its JAX-RS resources: HTTP method, path template
 * (below {@code /api}) and the roles that may call each. The OpenAPI document states the roles from
 * here, so they cannot drift from what {@code RoleCheck} enforces.
 */
public final class ApiEndpoints {

    public static final String ROOT = "/api";

    /** @param roles empty when the method states none: then nobody may call it */
    public record Endpoint(String method, String path, List<String> roles) {
    }

    private ApiEndpoints() {
    }

    public static List<Endpoint> all() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Class<?> resource : new TollgateApi().getClasses()) {
            Path classPath = resource.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method method : resource.getMethods()) {
                httpMethod(method).ifPresent(http -> endpoints.add(new Endpoint(http,
                        template(ROOT, classPath.value(), Optional.ofNullable(method.getAnnotation(Path.class)).map(Path::value).orElse("")),
                        roles(resource, method))));
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method));
        return List.copyOf(endpoints);
    }

    public static Optional<Endpoint> find(String method, String path) {
        return all().stream().filter(endpoint -> endpoint.method().equals(method) && endpoint.path().equals(path)).findFirst();
    }

    private static Optional<String> httpMethod(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(Annotation::annotationType)
                .map(type -> type.getAnnotation(HttpMethod.class))
                .filter(http -> http != null)
                .map(HttpMethod::value)
                .findFirst();
    }

    private static List<String> roles(Class<?> resource, Method method) {
        if (method.isAnnotationPresent(PermitAll.class)) {
            return List.of("any authenticated caller");
        }
        RolesAllowed allowed = method.isAnnotationPresent(RolesAllowed.class)
                ? method.getAnnotation(RolesAllowed.class) : resource.getAnnotation(RolesAllowed.class);
        return allowed == null ? List.of() : List.of(allowed.value());
    }

    /** Joins path segments as JAX-RS does, and drops regular expressions from templates ({@code {id: .+}} is {@code {id}}). */
    static String template(String... parts) {
        String joined = String.join("/", parts).replaceAll("/+", "/").replaceAll("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}", "{$1}");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
