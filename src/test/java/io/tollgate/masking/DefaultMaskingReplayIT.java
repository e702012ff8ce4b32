package io.tollgate.masking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.HarArchive;
import io.tollgate.testsupport.HarArchive.HarEntry;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.ProxiedLinks;
import io.tollgate.testsupport.RecordedRequest;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.UpstreamStub;
import io.tollgate.testsupport.UpstreamStubExtension;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance 1 of issue 6, the agent's side: every exchange recorded with a real Okta org goes
 * through {@code /proxy/okta-stub} (an okta connection, so Okta's default masking is on) and no
 * value of the default sensitive set (the recordings' real client secrets, activation tokens and
 * links, reset links, temporary passwords, recovery answers, passwords) reaches the agent. The
 * rest of each answer arrives as recorded (links pointing back through Tollgate), and the upstream
 * still receives the agent's request unmasked: masking hides answers and records, it does not
 * change what Okta is asked.
 */
@ExtendWith(UpstreamStubExtension.class)
class DefaultMaskingReplayIT {

    private static final String CONNECTION = "okta-stub";
    /** Member names whose values the defaults mask wherever they are ({@code password.value} and co. below). */
    private static final Set<String> SENSITIVE_MEMBERS = Set.of("client_secret", "activationToken", "activationUrl",
            "resetPasswordUrl", "tempPassword", "sharedSecret");
    /** Parent member name, then member name, of the other default paths. */
    private static final Map<String, Set<String>> SENSITIVE_CHILDREN = Map.of(
            "recovery_question", Set.of("answer"),
            "password", Set.of("value"), "oldPassword", Set.of("value"), "newPassword", Set.of("value"));

    private final String upstreamBase = ItSettings.stubUpstreamBase();
    private final String proxiedBase = ItSettings.proxiedBase(CONNECTION);

    @TestFactory
    Stream<DynamicTest> recordedExchangesReachTheAgentWithoutTheirSecrets() {
        HarArchive archive = HarArchive.load();
        Set<String> secrets = sensitiveValues(archive);
        String token = TestTokens.agent("agents-provisioning").mint();
        return archive.entries().stream()
                .map(entry -> DynamicTest.dynamicTest(entry.displayName(), () -> replay(archive, entry, token, secrets)));
    }

    /** The recordings do hold secrets of every kind the answers carry, so the replay checks something. */
    @Test
    void theRecordingsHoldSecretsInAnswersAndRequests() {
        HarArchive archive = HarArchive.load();
        Set<String> secrets = sensitiveValues(archive);
        assertTrue(secrets.containsAll(List.of("Abcd1234", "forty two", "cW8kDao1", "JuldXoT8xS8whCzpskYQ")), secrets::toString);
        assertTrue(archive.entries().stream().filter(entry -> secrets.stream().anyMatch(entry.responseBody()::contains)).count() >= 3,
                "answers with secrets in the recordings");
    }

    private void replay(HarArchive archive, HarEntry entry, String token, Set<String> secrets) {
        UpstreamStub stub = UpstreamStub.shared();
        stub.reset();
        String servedBody = archive.withOrgOriginsReplaced(entry.responseBody(), upstreamBase);
        stub.respondWith((request, reply) -> {
            entry.responseHeaderValues("Content-Type").forEach(value -> reply.header("Content-Type", value));
            reply.send(entry.status(), servedBody.getBytes(StandardCharsets.UTF_8));
        });

        HttpResponse<String> response = Agent.send(entry.agentRequest(CONNECTION, token));

        RecordedRequest received = stub.onlyUpstreamRequest();
        assertAll(entry.displayName(),
                () -> assertEquals(entry.status(), response.statusCode(), "status"),
                () -> assertEquals(Set.of(), secrets.stream().filter(response.body()::contains).collect(Collectors.toSet()),
                        "secrets in what the agent received"),
                () -> assertAgentBody(servedBody, response.body()),
                () -> assertEquals(entry.requestBody(), received.bodyText(), "the upstream gets the request as the agent sent it"));
    }

    /** What the stub served, links rewritten and every value of the default set redacted. */
    private void assertAgentBody(String servedBody, String agentBody) {
        if (servedBody.isEmpty()) {
            assertEquals("", agentBody, "body");
            return;
        }
        JsonNode expected = ProxiedLinks.body(Json.read(servedBody), upstreamBase, proxiedBase);
        redact(expected, null);
        assertEquals(expected, Json.read(agentBody), "body");
    }

    private static void redact(JsonNode node, String parentName) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode value = object.get(name);
                if (isSensitive(parentName, name) && value.isValueNode() && !value.isNull()) {
                    object.set(name, TextNode.valueOf("[REDACTED]"));
                } else {
                    redact(value, name);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> redact(element, null));
        }
    }

    private static boolean isSensitive(String parentName, String name) {
        return SENSITIVE_MEMBERS.contains(name)
                || (parentName != null && SENSITIVE_CHILDREN.getOrDefault(parentName, Set.of()).contains(name));
    }

    /** Every value of the default sensitive set in the recordings, requests and answers alike. */
    static Set<String> sensitiveValues(HarArchive archive) {
        Set<String> values = new TreeSet<>();
        for (HarEntry entry : archive.entries()) {
            for (String body : List.of(entry.requestBody(), entry.responseBody())) {
                if (body.startsWith("{") || body.startsWith("[")) {
                    collect(Json.read(body), null, values);
                }
            }
        }
        return values;
    }

    private static void collect(JsonNode node, String parentName, Set<String> values) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (isSensitive(parentName, field.getKey()) && field.getValue().isTextual() && !field.getValue().asText().isBlank()) {
                    values.add(field.getValue().asText());
                    if (field.getKey().endsWith("Url")) {
                        // The token at the end of an activation or reset link is a secret by itself.
                        String url = field.getValue().asText();
                        values.add(url.substring(url.lastIndexOf('/') + 1));
                    }
                } else {
                    collect(field.getValue(), field.getKey(), values);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, null, values));
        }
    }
}
