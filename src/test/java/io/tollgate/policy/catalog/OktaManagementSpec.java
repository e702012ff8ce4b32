package io.tollgate.policy.catalog;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operations Okta's published OpenAPI spec of the Management API defines: for each path and
 * HTTP method, the operationId and the scopes of its {@code oauth2} security requirement.
 * Anything the catalog could not represent faithfully is refused, not skipped.
 *
 * @param version    the spec's {@code info.version}, e.g. {@code 2026.06.3}
 * @param operations sorted by path template, then method
 */
record OktaManagementSpec(String version, List<Operation> operations) {

    static final Comparator<Operation> CATALOG_ORDER =
            Comparator.comparing(Operation::pathTemplate).thenComparing(Operation::method);

    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final String OAUTH2_SCHEME = "oauth2";
    /*
     * The parser's defaults guard against hostile YAML (3 MB, 50 aliases); Okta's spec is a few
     * megabytes, grows with every release and reuses about 140 anchors. Bounded still, but roomy.
     */
    private static final int MAX_SPEC_CODE_POINTS = 64 * 1024 * 1024;
    private static final int MAX_SPEC_ALIASES = 10_000;

    static OktaManagementSpec read(Path file) throws IOException {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file.toString())
                .setCodePointLimit(MAX_SPEC_CODE_POINTS)
                .setMaxAliasesForCollections(MAX_SPEC_ALIASES)
                .build();
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Load(settings).loadFromReader(reader);
        }
        return of(map(document, "the document"), file);
    }

    private static OktaManagementSpec of(Map<String, Object> document, Path file) {
        String version = String.valueOf(map(document.get("info"), "info").get("version"));
        Object defaultSecurity = document.get("security");
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, Object> path : map(document.get("paths"), "paths").entrySet()) {
            Map<String, Object> pathItem = map(path.getValue(), path.getKey());
            if (pathItem.containsKey("$ref")) {
                throw new IllegalArgumentException(file + ": path " + path.getKey()
                        + " is a $ref, which the generator does not follow");
            }
            for (Map.Entry<String, Object> entry : pathItem.entrySet()) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                String where = entry.getKey().toUpperCase() + " " + path.getKey();
                Map<String, Object> operation = map(entry.getValue(), where);
                Object operationId = operation.get("operationId");
                if (!(operationId instanceof String)) {
                    throw new IllegalArgumentException(file + ": " + where + " has no operationId");
                }
                Object security = operation.getOrDefault("security", defaultSecurity);
                operations.add(new Operation((String) operationId, entry.getKey().toUpperCase(), path.getKey(),
                        oauth2Scopes(security, where)));
            }
        }
        operations.sort(CATALOG_ORDER);
        // Refuse here what the runtime would refuse on start: duplicate ids, ambiguous templates.
        try {
            OperationCatalog.of(operations);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " cannot make a catalog: " + e.getMessage(), e);
        }
        return new OktaManagementSpec(version, List.copyOf(operations));
    }

    /*
     * Scopes listed in one requirement are all needed together. Several oauth2 requirements would
     * be alternatives, which one list of scopes cannot say: refuse rather than merge them.
     */
    private static List<String> oauth2Scopes(Object security, String where) {
        if (security == null) {
            return List.of();
        }
        List<List<String>> requirements = new ArrayList<>();
        for (Object requirement : list(security, where + " security")) {
            Object scopes = map(requirement, where + " security").get(OAUTH2_SCHEME);
            if (scopes != null) {
                requirements.add(list(scopes, where + " oauth2 scopes").stream()
                        .map(String::valueOf).sorted().distinct().toList());
            }
        }
        if (requirements.size() > 1) {
            throw new IllegalArgumentException(where + " has alternative oauth2 requirements " + requirements);
        }
        return requirements.isEmpty() ? List.of() : requirements.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map)) {
            throw new IllegalArgumentException(what + " is not a mapping");
        }
        return (Map<String, Object>) node;
    }

    private static List<?> list(Object node, String what) {
        if (!(node instanceof List<?> list)) {
            throw new IllegalArgumentException(what + " is not a sequence");
        }
        return list;
    }
}
