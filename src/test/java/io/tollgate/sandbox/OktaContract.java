package io.tollgate.sandbox;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolverFactory;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Okta's published OpenAPI spec as a contract for every sandbox answer: status documented for the
 * operation, headers and body valid against the operation's response schema. Built once per test
 * JVM (the spec is large); absent reference material skips the calling test, except under CI.
 */
final class OktaContract {

    private static final String JWKS = "\"jwks\"";

    private static volatile OpenApiInteractionValidator validator;

    private OktaContract() {
    }

    /** Fails the calling test with every violation of the answer to {@code method} on {@code uri}. */
    static void check(String method, URI uri, HttpResponse<String> response) {
        String path = uri.getRawPath();
        // The Management API is what the spec describes; the authorization servers and the sandbox's own admin are not in it.
        if (!path.startsWith(SandboxClient.ORG_PATH + "/api/")) {
            return;
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach((name, values) -> answer.withHeader(name, values));
        if (!response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        ValidationReport report;
        try {
            report = validator().validateResponse(path, Request.Method.valueOf(method), answer.build());
        } catch (Error toolFailure) {
            // Depending on its cache, the validator overflows its stack on the same JWKS schema (see below).
            if (!response.body().contains(JWKS)) {
                throw toolFailure;
            }
            return;
        }
        List<String> violations = report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                // The validator cannot process the discriminator nested in an app's settings.oauthClient.jwks
                // (OAuth2ClientJsonSigningKeyResponse): that is the tool failing on the spec, not a finding about
                // the answer, and it only occurs for apps that publish a JWKS.
                .filter(message -> !message.getKey().equals("validation.response.body.schema.processingError")
                        || !response.body().contains(JWKS))
                .map(OktaContract::describe)
                .toList();
        assertEquals(List.of(), violations, method + " " + path + " answered " + response.statusCode()
                + " outside Okta's OpenAPI contract: " + abbreviate(response.body()));
    }

    private static OpenApiInteractionValidator validator() {
        OpenApiInteractionValidator current = validator;
        if (current == null) {
            synchronized (OktaContract.class) {
                if (validator == null) {
                    validator = OpenApiInteractionValidator.createFor(parsed(OktaReference.specFile()))
                            .withBasePathOverride(SandboxClient.ORG_PATH)
                            // The validator closes every allOf member to properties of its own
                            // (additionalProperties false), which no composed Okta schema would pass.
                            .withLevelResolver(LevelResolverFactory.withAdditionalPropertiesIgnored())
                            .build();
                }
                current = validator;
            }
        }
        return current;
    }

    /**
     * Okta's spec has a few lint findings of its own (defaults of the wrong type in policy schemas,
     * arrays without items in schemas the sandbox never answers with); the parser reports them and
     * the validator's own loader refuses any report, so the spec is parsed here and the model used
     * as parsed. Every schema the sandbox's answers are checked against is intact.
     */
    private static OpenAPI parsed(Path spec) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readLocation(spec.toUri().toString(), null, options);
        if (result.getOpenAPI() == null) {
            fail("Okta's OpenAPI spec at " + spec + " cannot be parsed: " + result.getMessages());
        }
        OpenAPI api = result.getOpenAPI();
        // Responses given by reference ($ref to components.responses) are put in place, so their bodies are checked.
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> operation.getResponses()
                .replaceAll((status, response) -> response.get$ref() == null ? response
                        : api.getComponents().getResponses().get(response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1)))));
        Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        api.getComponents().getSchemas().values().forEach(schema -> dropAnnotationOnlyParts(schema, seen));
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> operation.getResponses().values()
                .forEach(response -> Optional.ofNullable(response.getContent()).ifPresent(content -> content.values()
                        .forEach(media -> dropAnnotationOnlyParts(media.getSchema(), seen))))));
        return api;
    }

    /**
     * Two normalizations of composed schemas, neither of which loosens what an answer is checked
     * against. Where a {@code oneOf} has a discriminator, the discriminator picks the one schema and
     * the validator checks the answer against it; the subschemas themselves overlap (Okta's app and
     * role schemas differ only in the discriminating value), so "exactly one" becomes "at least one".
     * And Okta's spec marks some composed schemas read-only with an {@code allOf} member that holds
     * nothing but {@code readOnly: true}. Such a member constrains nothing, but the validator counts
     * it as a schema no instance matches; it is dropped (its parent keeps the flag).
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void dropAnnotationOnlyParts(Schema<?> schema, Set<Schema<?>> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        if (schema.getAllOf() != null) {
            List<Schema> parts = (List<Schema>) (List<?>) schema.getAllOf();
            if (parts.removeIf(part -> part.get$ref() == null && part.getType() == null && part.getTypes() == null
                    && part.getProperties() == null && part.getAllOf() == null && part.getOneOf() == null
                    && part.getAnyOf() == null && part.getEnum() == null && Boolean.TRUE.equals(part.getReadOnly()))) {
                schema.setReadOnly(true);
            }
            parts.forEach(part -> dropAnnotationOnlyParts(part, seen));
        }
        if (schema.getOneOf() != null && schema.getDiscriminator() != null) {
            schema.setAnyOf((List) schema.getOneOf());
            schema.setOneOf(null);
        }
        Stream.of(schema.getOneOf(), schema.getAnyOf()).filter(java.util.Objects::nonNull)
                .forEach(parts -> parts.forEach(part -> dropAnnotationOnlyParts(part, seen)));
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(part -> dropAnnotationOnlyParts(part, seen));
        }
        dropAnnotationOnlyParts(schema.getItems(), seen);
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            dropAnnotationOnlyParts(additional, seen);
        }
    }

    /** A violation with the nested findings that say which part of a composed schema failed. */
    private static String describe(ValidationReport.Message message) {
        StringBuilder text = new StringBuilder(message.getKey()).append(": ").append(message.getMessage());
        message.getNestedMessages().forEach(nested -> text.append(" [").append(describe(nested)).append("]"));
        return text.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "...";
    }

}
