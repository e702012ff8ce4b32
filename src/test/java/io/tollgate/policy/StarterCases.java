package io.tollgate.policy;

import io.tollgate.identity.IdentityClaims;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared table of starter-policy cases ({@code src/test/resources/policy/starter-cases.yaml}):
 * who asks for what, and what the starter policy decides. The unit tests replay it through
 * {@link Policy#evaluate}; the proxy and explain-endpoint tests replay the same rows.
 */
public final class StarterCases {

    public static final String RESOURCE = "policy/starter-cases.yaml";

    /**
     * One row of the table.
     *
     * @param identity  the agent's claims: strings or lists of strings
     * @param query     parameter to values, decoded
     * @param body      the raw request body, empty when the request has none
     * @param rule      the deciding rule, empty when no rule decides
     * @param operation the resolved operationId, empty when the request is no operation
     */
    public record StarterCase(String name, Map<String, Object> identity, String method, String path,
                              Map<String, List<String>> query, Optional<String> body, Decision decision,
                              PolicyDecision.Basis basis, Optional<String> rule, Optional<String> operation) {

        public IdentityClaims claims() {
            return IdentityClaims.fromJsonLike(identity);
        }

        public PolicyRequest request() {
            return new PolicyRequest(method, path, query,
                    body.map(text -> RequestBody.of(text.getBytes(StandardCharsets.UTF_8))).orElse(RequestBody.empty()));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private StarterCases() {
    }

    @SuppressWarnings("unchecked")
    public static List<StarterCase> load() {
        try (InputStream in = StarterCases.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            Map<String, Object> document = (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return ((List<Map<String, Object>>) document.get("cases")).stream().map(StarterCases::row).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static StarterCase row(Map<String, Object> row) {
        Map<String, Object> request = (Map<String, Object>) row.get("request");
        Map<String, Object> expect = (Map<String, Object>) row.get("expect");
        return new StarterCase(
                (String) row.get("name"),
                (Map<String, Object>) row.get("identity"),
                (String) request.get("method"),
                (String) request.get("path"),
                (Map<String, List<String>>) request.getOrDefault("query", Map.of()),
                Optional.ofNullable((String) request.get("body")),
                Decision.ofWord((String) expect.get("decision")).orElseThrow(),
                PolicyDecision.Basis.valueOf((String) expect.get("basis")),
                Optional.ofNullable((String) expect.get("rule")),
                Optional.ofNullable((String) expect.get("operation")));
    }
}
