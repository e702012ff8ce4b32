package io.tollgate.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.tollgate.testsupport.Json;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, acceptance 1: the OpenAPI document is served, is valid OpenAPI, and lists exactly the
 * endpoints of Tollgate's JAX-RS resources (with the roles they enforce), the proxy for every
 * method, and the error model; the sandbox is not in it.
 */
class OpenApiDocumentIT {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @Test
    void documentIsValidAndListsEveryEndpointOfTheResources() {
        HttpResponse<String> served = OperatorEndpoints.get("/openapi?format=JSON", "application/json");
        assertEquals(200, served.statusCode(), served::body);

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.body(), null, options);
        assertNotNull(parsed.getOpenAPI(), () -> "not an OpenAPI document: " + parsed.getMessages());
        assertEquals(List.of(), parsed.getMessages(), "validation messages");

        JsonNode document = Json.read(served.body());
        JsonNode paths = document.path("paths");
        Set<String> expected = new TreeSet<>();
        for (ApiEndpoints.Endpoint endpoint : ApiEndpoints.all()) {
            String method = endpoint.method().toLowerCase(Locale.ROOT);
            expected.add(method + " " + endpoint.path());
            JsonNode operation = paths.path(endpoint.path()).path(method);
            assertTrue(operation.isObject(), () -> "missing from the document: " + endpoint);
            List<String> roles = new ArrayList<>();
            operation.path("x-tollgate-roles").forEach(role -> roles.add(role.asText()));
            assertEquals(endpoint.roles(), roles, () -> "roles of " + endpoint);
            for (String status : List.of("401", "403")) {
                assertEquals("#/components/responses/Problem", operation.path("responses").path(status).path("$ref").asText(),
                        () -> status + " of " + endpoint);
            }
        }
        assertTrue(expected.contains("post /api/access-requests/{id}/approvals"), () -> "the resources as read: " + expected);

        Set<String> documentedApi = new TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (HTTP_METHODS.contains(method) && path.getKey().startsWith("/api/")) {
                documentedApi.add(method + " " + path.getKey());
            }
        }));
        assertEquals(expected, documentedApi, "the document's API operations are exactly the resources' methods");

        JsonNode proxy = paths.path(OpenApiFilter.PROXY_PATH);
        for (String method : List.of("get", "post", "put", "patch", "delete")) {
            assertEquals("#/components/responses/OktaError", proxy.path(method).path("responses").path("403").path("$ref").asText(),
                    () -> "proxy " + method);
        }
        paths.fieldNames().forEachRemaining(path -> assertTrue(!path.startsWith("/sandbox"), () -> "sandbox path documented: " + path));

        JsonNode schemas = document.path("components").path("schemas");
        assertTrue(schemas.path("Problem").path("properties").has("detail"), "problem+json schema");
        assertTrue(schemas.path("OktaError").path("properties").has("errorCauses"), "Okta error schema");
        assertTrue(document.path("info").path("description").asText().contains("TG0000002"), "Tollgate's error codes are explained");
    }

    @Test
    void uiIsServed() {
        HttpResponse<String> ui = OperatorEndpoints.get("/openapi/ui/", "text/html");
        assertEquals(200, ui.statusCode());
        assertTrue(ui.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    }
}
