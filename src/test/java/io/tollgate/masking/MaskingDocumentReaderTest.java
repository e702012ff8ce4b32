package io.tollgate.masking;

import io.tollgate.connection.ConnectionKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskingDocumentReaderTest {

    private static List<String> ruleNames(MaskingProfile profile) {
        return profile.rules().stream().map(MaskingRule::name).toList();
    }

    @Test
    void oktaConnectionsGetTheDefaultsAfterTheirOwnRules() {
        assertEquals(List.of("okta.client-secret", "okta.activation-token", "okta.activation-url", "okta.reset-password-url",
                "okta.temp-password", "okta.shared-secret", "okta.recovery-answer", "okta.password-value",
                "credential.jwt", "credential.okta-api-token", "credential.pem-private-key"), ruleNames(Profiles.okta()));
        MaskingProfile withOwn = Profiles.of("okta", ConnectionKind.OKTA, """
                version: 1
                rules:
                  - { name: emails, detector: email, mode: tokenize }
                disable: [okta.temp-password, credential.jwt]
                """);
        List<String> names = ruleNames(withOwn);
        assertEquals("emails", names.get(0));
        assertTrue(!names.contains("okta.temp-password") && !names.contains("credential.jwt") && names.contains("okta.client-secret"), names::toString);
    }

    @Test
    void defaultsCanBeTurnedOffOrOnWhole() {
        assertEquals(List.of(), ruleNames(Profiles.of("okta", ConnectionKind.OKTA, "version: 1\ndefaults: none\n")));
        assertEquals(List.of(), ruleNames(Profiles.http(null)));
        assertEquals(11, ruleNames(Profiles.http("version: 1\ndefaults: okta\n")).size());
    }

    @Test
    void otherBodiesComeBeforeTheBuiltInOnes() {
        MaskingProfile profile = Profiles.http("""
                version: 1
                rules: [{ name: ids, regex: 'E-\\d{6}' }]
                otherBodies:
                  - { type: text/csv, action: block }
                  - { type: "application/*", action: scan }
                """);
        assertEquals(BodyAction.BLOCK, profile.actionFor("text/csv"));
        assertEquals(BodyAction.SCAN, profile.actionFor("text/plain"));
        assertEquals(BodyAction.SCAN, profile.actionFor("application/pdf"));
        assertEquals(BodyAction.PASS, profile.actionFor("image/png"));
        assertEquals(BodyAction.SCAN, profile.actionFor("application/soap+xml"));
    }

    @Test
    void everyProblemIsNamed() {
        InvalidMaskingException e = assertThrows(InvalidMaskingException.class, () -> Profiles.of("okta", ConnectionKind.OKTA, """
                version: 2
                defaults: some
                disable: [okta.nothing]
                colour: blue
                rules:
                  - { name: a, path: "profile.email" }
                  - { name: okta.client-secret, path: $.x }
                  - { name: b, detector: ssn }
                  - { name: c, regex: "(open" }
                  - { name: d, path: $.x, mode: hide }
                  - { name: e }
                  - { name: f, detector: email, regex: x }
                otherBodies:
                  - { type: application/json, action: block }
                  - { type: "text", action: scan }
                  - { type: "text/*", action: drop }
                """));
        List<String> problems = e.problems();
        List<String> expectedStarts = List.of("version:", "defaults:", "disable[0]:", "the document: unknown field 'colour'",
                "rules[0].paths:", "rules[1].name:", "rules[2].detector:", "rules[3].regex:", "rules[4].mode:", "rules[5]:",
                "rules[6]:", "otherBodies[0].type:", "otherBodies[1].type:", "otherBodies[2].action:");
        for (String start : expectedStarts) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(start)), () -> start + " not among " + problems);
        }
        assertTrue(e.getMessage().startsWith("masking document okta.yaml is invalid"), e.getMessage());
    }

    @Test
    void yamlThatIsNotAMappingOrNotYaml() {
        assertThrows(InvalidMaskingException.class, () -> Profiles.http("- just\n- a list\n"));
        assertThrows(InvalidMaskingException.class, () -> Profiles.http("version: 1\nrules: [ {name: a\n"));
        assertThrows(InvalidMaskingException.class, () -> Profiles.http("version: 1\nversion: 1\n"));
    }
}
