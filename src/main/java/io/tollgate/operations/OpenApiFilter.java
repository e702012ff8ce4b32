package io.tollgate.operations;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Locale;

/**
 * Completes Tollgate's OpenAPI document (configured as {@code mp.openapi.filter}): every API
 * operation gets the bearer requirement, the roles that may call it and the problem answers it
 * shares with all others; the proxy, a servlet the scanner cannot see, is added for every method.
 * The static parts (description, error schemas) are in {@code META-INF/openapi.yaml}.
 */
public class OpenApiFilter implements OASFilter {

    static final String PROXY_PATH = "/proxy/{connection}/{upstreamPath}";
    private static final String OKTA_ERROR = "#/components/responses/OktaError";
    private static final String PROBLEM = "#/components/responses/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith(ApiEndpoints.ROOT + "/")) {
                item.getOperations().forEach((method, operation) -> describeApiOperation(method.name(), path, operation));
            }
        });
        PathItem proxy = OASFactory.createPathItem()
                .addParameter(pathParameter("connection", "A configured connection (tollgate.connections), for example okta."))
                .addParameter(pathParameter("upstreamPath",
                        "The upstream path, slashes included (for Okta: api/v1/users/...), forwarded with the query string."));
        for (PathItem.HttpMethod method : List.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
                PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE, PathItem.HttpMethod.HEAD, PathItem.HttpMethod.OPTIONS)) {
            proxy.setOperation(method, proxyOperation(method));
        }
        openAPI.getPaths().addPathItem(PROXY_PATH, proxy);
    }

    private static void describeApiOperation(String method, String path, Operation operation) {
        List<String> roles = ApiEndpoints.find(method, path).map(ApiEndpoints.Endpoint::roles).orElse(List.of());
        String allowed = "Roles: " + (roles.isEmpty() ? "none (closed)" : String.join(", ", roles)) + ".";
        operation.setDescription(operation.getDescription() == null ? allowed : operation.getDescription() + "\n\n" + allowed);
        operation.addExtension("x-tollgate-roles", roles);
        operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"));
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        for (String status : List.of("400", "401", "403", "500")) {
            if (!responses.hasAPIResponse(status)) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(PROBLEM));
            }
        }
        responses.defaultValue(OASFactory.createAPIResponse().ref(PROBLEM));
        operation.setResponses(responses);
    }

    private static Operation proxyOperation(PathItem.HttpMethod method) {
        APIResponses responses = OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse()
                        .description("The upstream's answer, streamed; Link, Location and _links point back through Tollgate.")
                        .addHeader("X-Tollgate-Correlation-Id", OASFactory.createHeader().ref("#/components/headers/CorrelationId")));
        for (String status : List.of("400", "401", "403", "404", "502", "503", "504")) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(OKTA_ERROR));
        }
        return OASFactory.createOperation()
                .operationId("proxy" + method.name().charAt(0) + method.name().substring(1).toLowerCase(Locale.ROOT))
                .addTag("proxy")
                .summary("Forward the request (" + method.name() + ") to the connection's upstream, if policy allows it")
                .description("The agent authenticates with `Authorization: Bearer <jwt>` (or `SSWS <jwt>` for SDKs that only "
                        + "speak API tokens); Tollgate sends the connection's own credential upstream. With `Prefer: wait=N`, "
                        + "a request that needs a person's approval is held until it is decided (at most N seconds).")
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"))
                .responses(responses);
    }

    private static Parameter pathParameter(String name, String description) {
        return OASFactory.createParameter().name(name).in(Parameter.In.PATH).required(true).description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }
}
