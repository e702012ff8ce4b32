package io.tollgate.policy;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tollgate.connection.ConnectionKind;
import io.tollgate.identity.IdentityClaims;
import io.tollgate.policy.catalog.OktaOperationCatalog;
import io.tollgate.policy.catalog.OperationCatalog;
import io.tollgate.testsupport.Fuzz;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fuzzes the policy parser and the body predicates (issue 10): any document either compiles or is
 * refused with a {@link PolicyValidationException}, never anything else, and never hangs; and no
 * body that a lenient JSON parser reads as an admin role slips past a deny rule on it. Runs a few
 * thousand tries in the suite; {@code -Dtollgate.fuzz.tries=1000000} runs longer (docs/reliability.md).
 */
class PolicyFuzzTest {

    private static final OperationCatalog CATALOG = OktaOperationCatalog.get();
    /** Guards against a hang only; no input comes anywhere near it. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private static final String SEED = """
            version: 1
            description: seed
            rules:
              - name: reads
                when:
                  identity: { groups: [agents], claims: { team: [a] } }
                  request: { operations: [listUsers], methods: [GET], paths: ["/api/v1/users/**"], query: { limit: { matches: '[0-9]+' } } }
                decision: allow
              - name: roles
                when:
                  request:
                    operations: [assignRoleToUser]
                    body:
                      - { pointer: /type, in: [SUPER_ADMIN, ORG_ADMIN] }
                decision: approve
                approval: { approverGroups: [ops], approvals: 1, maxDuration: PT1H, reasonRequired: false }
              - name: anchors
                when: &w { identity: { sub: [x] } }
                decision: deny
            """;

    private static final String[] TOKENS = {
            "\n", "\n  ", "\n    - ", ": ", "- ", "[", "]", "{", "}", ",", "'", "\"", "#", "|", ">", "&a ", "*a", "*w", "? ",
            "!!str ", "!!python/object:os.system ", "!!binary ", "!<tag:x> ", "%YAML 1.2\n", "---\n", "...\n", "~", "null", "true",
            "1e9999", "-0", "0x1F", ".inf", "PT0S", "P9999999D", "decision", "allow", "deny", "grant", "approve", "when", "request",
            "identity", "body", "pointer", "/type", "~2", "matches", "(a+)+$", "[", "\\", "equals", "in", "operations", "*User*",
            "scopes", "okta.users.manage", "paths", "/**", "/{id}", "methods", "GET", "approval", "approvals", "99", "-1",
            "version", "2", "rules", "name", "\t", "\u0000", "\ufeff", "é", "<<: *w\n"};

    private static String document(Random random) {
        return switch (random.nextInt(4)) {
            case 0, 1 -> apply(Fuzz.listOf(random, 1, 8, PolicyFuzzTest::mutation));
            case 2 -> Fuzz.stitched(random, TOKENS, 0, 60);
            default -> Fuzz.anyString(random, 200);
        };
    }

    private static String mutation(Random random) {
        int from = Fuzz.between(random, 0, SEED.length());
        int to = Fuzz.between(random, 0, SEED.length());
        return switch (random.nextInt(3)) {
            case 0 -> Fuzz.oneOf(random, TOKENS) + "@" + from;
            case 1 -> "\u0001" + Math.min(from, to) + "," + Math.max(from, to);
            default -> "\u0002" + Math.min(from, to) + "," + Math.max(from, to);
        };
    }

    /** Inserts a token at a position, deletes a span, or repeats a span of the seed document. */
    private static String apply(List<String> mutations) {
        String document = SEED;
        for (String mutation : mutations) {
            if (mutation.startsWith("\u0001") || mutation.startsWith("\u0002")) {
                String[] span = mutation.substring(1).split(",");
                int from = Math.min(Integer.parseInt(span[0]), document.length());
                int to = Math.min(Integer.parseInt(span[1]), document.length());
                document = mutation.startsWith("\u0001") ? document.substring(0, from) + document.substring(to)
                        : document.substring(0, to) + document.substring(from, to) + document.substring(to);
            } else {
                int at = mutation.lastIndexOf('@');
                int position = Math.min(Integer.parseInt(mutation.substring(at + 1)), document.length());
                document = document.substring(0, position) + mutation.substring(0, at) + document.substring(position);
            }
        }
        return document;
    }

    @Test
    void everyDocumentCompilesOrIsRefusedWithItsProblems() {
        Fuzz.forAll(PolicyFuzzTest::document, PolicyFuzzTest::compilesOrIsRefused);
    }

    private static void compilesOrIsRefused(String document) {
        for (ConnectionKind kind : ConnectionKind.values()) {
            assertTimeoutPreemptively(HANG_GUARD, () -> {
                try {
                    Policy policy = Policy.parse(document, kind, CATALOG);
                    policy.evaluate(IdentityClaims.fromJsonLike(Map.of("sub", "x", "groups", List.of("agents"))),
                            new PolicyRequest("POST", "/api/v1/users/00u1/roles", Map.of(), RequestBody.of(
                                    "{\"type\":\"SUPER_ADMIN\"}".getBytes(StandardCharsets.UTF_8))));
                } catch (PolicyValidationException refused) {
                    assertEquals(false, refused.getMessage() == null || refused.getMessage().isBlank(), "a refusal says why");
                }
            }, () -> "parsing hung on: " + document);
        }
    }

    // ---- bodies: nothing a lenient parser reads as an admin role passes the deny rule ----

    private static final Policy DENY_ADMINS = parse("""
            version: 1
            rules:
              - name: things
                when: { request: { methods: [POST], paths: ["/things"] } }
                decision: allow
              - name: no-admins
                when:
                  request:
                    methods: [POST]
                    paths: ["/things"]
                    body: [{ pointer: /type, matches: '(?i)\\s*ADMIN\\s*' }]
                decision: deny
            """);
    private static final Pattern ADMIN = Pattern.compile("(?i)\\s*ADMIN\\s*");
    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_MISSING_VALUES, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER,
                    JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
            .build();
    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    private static final String[] BODY_PIECES = {
            "{", "}", "[", "]", ",", ":", "\"type\"", "type", "'type'", "\"ADMIN\"", "'ADMIN'", "\" admin \"", "\"USER\"",
            "\"\\u0041DMIN\"", "\"x\"", "1", "null", "true", "/* c */", "// c\n", "# c\n", " ", "\n", "\ufeff", "\"\\", "ADMIN", "{\"a\":"};

    private static byte[] body(Random random) {
        String text = switch (random.nextInt(3)) {
            case 0 -> Fuzz.stitched(random, BODY_PIECES, 0, 20);
            case 1 -> "{\"type\":\"ADMIN\"" + Fuzz.stitched(random, BODY_PIECES, 0, 20);
            default -> {
                int depth = Fuzz.between(random, 1, 3000);
                yield "{\"type\":\"ADMIN\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
            }
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void noBodyThatALenientParserReadsAsAnAdminRoleSlipsPastTheDenyRule() {
        Fuzz.forAll(PolicyFuzzTest::body, PolicyFuzzTest::deniedWhenReadAsAdmin);
    }

    private static void deniedWhenReadAsAdmin(byte[] body) {
        PolicyDecision decision = DENY_ADMINS.evaluate(IdentityClaims.fromJsonLike(Map.of("sub", "x")),
                new PolicyRequest("POST", "/things", Map.of(), RequestBody.of(body)));

        if (readsAsAdmin(LENIENT, body) || readsAsAdmin(PLAIN, body)) {
            assertEquals(Decision.DENY, decision.decision(), () -> "slipped past: " + new String(body, StandardCharsets.UTF_8));
        }
    }

    /** Reads the first JSON value as the mapper does (trailing content ignored, the last of repeated keys kept). */
    private static boolean readsAsAdmin(JsonMapper mapper, byte[] body) {
        try {
            JsonNode type = mapper.readTree(body).at("/type");
            return type.isTextual() && ADMIN.matcher(type.textValue()).matches();
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    private static Policy parse(String yaml) {
        try {
            return Policy.parse(yaml, ConnectionKind.HTTP, null);
        } catch (PolicyValidationException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
