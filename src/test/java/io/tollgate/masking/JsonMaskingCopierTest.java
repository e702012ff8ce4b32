package io.tollgate.masking;

import io.tollgate.connection.ConnectionKind;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonMaskingCopierTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwMHUxIn0.c2lnbmF0dXJl";

    private final MaskCounts counts = new MaskCounts();

    @Test
    void oktaDefaultsMaskSecretsInResponsesAndRequests() throws IOException {
        String activated = "{\"activationUrl\":\"https://acme.okta.com/welcome/JuldXoT8xS8whCzpskYQ\","
                + "\"activationToken\":\"JuldXoT8xS8whCzpskYQ\"}";
        assertEquals("{\"activationUrl\":\"[REDACTED]\",\"activationToken\":\"[REDACTED]\"}",
                Profiles.masked(Profiles.okta(), "application/json", activated, counts));

        String request = "{\"password\":{\"value\":\"Abcd1234\"},\"recovery_question\":{\"question\":\"How many roads?\",\"answer\":\"forty two\"}}";
        assertEquals("{\"password\":{\"value\":\"[REDACTED]\"},\"recovery_question\":{\"question\":\"How many roads?\",\"answer\":\"[REDACTED]\"}}",
                Profiles.masked(Profiles.okta(), "application/json", request, counts));

        String app = "[{\"id\":\"0oa1\",\"credentials\":{\"oauthClient\":{\"client_id\":\"0oa1\",\"client_secret\":\"s3cr3t\"}},"
                + "\"settings\":{\"note\":\"token " + JWT + " expires\"}}]";
        assertEquals("[{\"id\":\"0oa1\",\"credentials\":{\"oauthClient\":{\"client_id\":\"0oa1\",\"client_secret\":\"[REDACTED]\"}},"
                + "\"settings\":{\"note\":\"token [REDACTED] expires\"}}]", Profiles.masked(Profiles.okta(), "application/json", app, counts));

        assertEquals(Map.of("okta.activation-url", 1L, "okta.activation-token", 1L, "okta.password-value", 1L,
                "okta.recovery-answer", 1L, "okta.client-secret", 1L, "credential.jwt", 1L), counts.byRule());
    }

    @Test
    void httpConnectionsMaskNothingByDefault() throws IOException {
        String body = "{\"client_secret\":\"s3cr3t\",\"token\":\"" + JWT + "\"}";
        assertEquals(body, Profiles.masked(Profiles.http(null), "application/json", body, counts));
        assertTrue(counts.isEmpty());
    }

    @Test
    void pathsDetectorsAndModesFromADocument() throws IOException {
        MaskingProfile profile = Profiles.http("""
                version: 1
                rules:
                  - name: phones
                    path: "$[*].profile.mobilePhone"
                    mode: partial
                  - name: emails
                    paths: ["$[*].profile.email"]
                    detector: email
                    mode: tokenize
                  - name: cards
                    detector: payment-card
                    mode: partial
                """);
        String body = "[{\"profile\":{\"mobilePhone\":\"+1 415 555 0134\",\"email\":\"Mail: john@example.com\","
                + "\"note\":\"john@example.com paid with 4111 1111 1111 1111\"}}]";
        String token = Tokenizer.forConnection(Profiles.KEY, "lab").token("john@example.com");
        assertEquals("[{\"profile\":{\"mobilePhone\":\"****0134\",\"email\":\"Mail: " + token + "\","
                + "\"note\":\"john@example.com paid with ****1111\"}}]", Profiles.masked(profile, "application/json", body, counts));
        assertEquals(Map.of("phones", 1L, "emails", 1L, "cards", 1L), counts.byRule());
    }

    @Test
    void numbersBooleansAndContainersSelectedByAPath() throws IOException {
        MaskingProfile profile = Profiles.http("""
                version: 1
                rules:
                  - { name: salary, path: $.salary }
                  - { name: flags, path: $.flags }
                """);
        String body = "{\"salary\":123456.78,\"flags\":{\"vip\":true,\"tier\":3,\"none\":null,\"list\":[\"a\"]},\"count\":5}";
        assertEquals("{\"salary\":\"[REDACTED]\",\"flags\":{\"vip\":\"[REDACTED]\",\"tier\":\"[REDACTED]\",\"none\":null,"
                + "\"list\":[\"[REDACTED]\"]},\"count\":5}", Profiles.masked(profile, "application/json", body, counts));
        assertEquals(Map.of("salary", 1L, "flags", 3L), counts.byRule());
    }

    @Test
    void numbersUnicodeAndEscapesPassExactly() throws IOException {
        String body = "{\"a\":1.10,\"b\":12345678901234567890123,\"c\":-0.0e+5,\"d\":null,\"e\":true,"
                + "\"f\":\"\\u00e9\\n\",\"g\":\"日本語 😀 Zoë\",\"h\":[0.1000000000000000055511151231257827]}";
        assertEquals("{\"a\":1.10,\"b\":12345678901234567890123,\"c\":-0.0e+5,\"d\":null,\"e\":true,"
                + "\"f\":\"é\\n\",\"g\":\"日本語 😀 Zoë\",\"h\":[0.1000000000000000055511151231257827]}",
                Profiles.masked(Profiles.okta(), "application/json", body, counts));
    }

    @Test
    void theStringFilterRunsFirstInTheSamePass() throws IOException {
        String body = "{\"_links\":{\"self\":{\"href\":\"https://up/x\"}},\"tempPassword\":\"https://up/y\"}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Profiles.okta().response("application/json", null).copy(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                out, (context, value) -> value.replace("https://up", "https://tg/proxy/okta"), counts);
        assertEquals("{\"_links\":{\"self\":{\"href\":\"https://tg/proxy/okta/x\"}},\"tempPassword\":\"[REDACTED]\"}",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void secretsSplitAcrossReadsAreMasked() throws IOException {
        String body = "{\"users\":[{\"tempPassword\":\"cW8kDao1\",\"note\":\"" + JWT + "\"}]}";
        String masked = Profiles.masked(Profiles.okta(), "application/json", trickle(body, 1), counts);
        assertEquals("{\"users\":[{\"tempPassword\":\"[REDACTED]\",\"note\":\"[REDACTED]\"}]}", masked);
    }

    @Test
    void aBrokenDocumentBreaksOffWithoutBeingCompleted() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(IOException.class, () -> Profiles.okta().response("application/json", null).copy(
                new ByteArrayInputStream("[{\"a\":1},{\"tempPassword\":\"abc".getBytes(StandardCharsets.UTF_8)), out,
                JsonStringFilter.NONE, counts));
        String written = out.toString(StandardCharsets.UTF_8);
        assertTrue(!written.contains("abc") && !written.endsWith("]"), written);
    }

    @Test
    void requestBodiesForTheRecord() {
        MaskingProfile okta = Profiles.okta();
        byte[] body = "{\"credentials\":{\"password\":{\"value\":\"Abcd1234\"}},\"profile\":{\"login\":\"x@y.z\"}}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("{\"credentials\":{\"password\":{\"value\":\"[REDACTED]\"}},\"profile\":{\"login\":\"x@y.z\"}}",
                new String(okta.maskForRecord("application/json", null, body, false, counts), StandardCharsets.UTF_8));

        byte[] cut = "{\"profile\":{\"login\":\"x@y.z\"},\"credentials\":{\"password\":{\"value\":\"Abcd12".getBytes(StandardCharsets.UTF_8);
        assertEquals("{\"profile\":{\"login\":\"x@y.z\"},\"credentials\":{\"password\":{\"value\"",
                new String(okta.maskForRecord("application/json", null, cut, true, counts), StandardCharsets.UTF_8),
                "a body cut at the cap is masked up to the cut, and the value cut in two is left out");
        assertEquals(BodyMasking.WITHHELD,
                new String(okta.maskForRecord("application/json", null, cut, false, counts), StandardCharsets.UTF_8),
                "JSON that is not well-formed cannot be masked, so it is not recorded");
        assertEquals(Map.of("okta.password-value", 1L), counts.byRule());
    }

    /** The body, handed out {@code size} bytes per read. */
    static InputStream trickle(String body, int size) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, size));
            }
        };
    }

    static MaskingProfile okta() {
        return Profiles.of("okta", ConnectionKind.OKTA, null);
    }
}
