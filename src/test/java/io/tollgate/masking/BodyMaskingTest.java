package io.tollgate.masking;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BodyMaskingTest {

    private static final String OKTA_TOKEN = "00abcdefghijklmnopqrstuvwxyzABCDEFGHIJ-_01";

    @Test
    void howEachKindOfBodyGoesOut() throws IOException {
        MaskingProfile okta = Profiles.okta();
        assertFalse(okta.response("application/json;charset=UTF-8", null).unchanged(), "JSON is parsed");
        assertFalse(okta.response("application/problem+json", null).unchanged(), "so is any +json");
        assertFalse(okta.response("text/html", null).unchanged(), "text is scanned");
        assertTrue(okta.response("image/png", null).unchanged(), "binary passes");
        assertTrue(okta.response(null, null).unchanged(), "so does a body without a type");
        assertEquals(Optional.of("the body is in content coding gzip, which cannot be masked"),
                okta.response("application/json", "gzip").blocked());
        assertTrue(okta.response("application/json", "identity").blocked().isEmpty());
    }

    @Test
    void withoutRulesNothingIsScannedOrBlocked() {
        MaskingProfile none = Profiles.http(null);
        assertTrue(none.response("text/plain", null).unchanged());
        assertTrue(none.response("application/json", "gzip").unchanged());
        assertFalse(none.response("application/json", null).unchanged(), "JSON still goes through the pass that rewrites links");
    }

    @Test
    void blockedBodiesAreNeitherSentNorRecorded() {
        MaskingProfile profile = Profiles.http("""
                version: 1
                rules: [{ name: ids, regex: 'E-\\d{6}' }]
                otherBodies: [{ type: text/csv, action: block }]
                """);
        BodyMasking csv = profile.response("text/csv", null);
        assertEquals(Optional.of("bodies of type text/csv are blocked on this connection"), csv.blocked());
        assertThrows(IllegalStateException.class, () -> csv.copy(new ByteArrayInputStream(new byte[1]),
                new ByteArrayOutputStream(), JsonStringFilter.NONE, new MaskCounts()));
        assertEquals(BodyMasking.WITHHELD, new String(profile.maskForRecord("text/csv", null,
                "E-123456".getBytes(StandardCharsets.UTF_8), false, new MaskCounts()), StandardCharsets.UTF_8));
    }

    @Test
    void theRecordIsMaskedAsTheAgentsCopyIs() throws IOException {
        MaskCounts agent = new MaskCounts();
        MaskCounts record = new MaskCounts();
        String text = "SSWS " + OKTA_TOKEN;
        String sent = Profiles.masked(Profiles.okta(), "text/plain", text, agent);
        byte[] recorded = Profiles.okta().maskForRecord("text/plain", null, text.getBytes(StandardCharsets.UTF_8), false, record);
        assertEquals("SSWS [REDACTED]", sent);
        assertEquals(sent, new String(recorded, StandardCharsets.UTF_8));
        assertEquals(agent.byRule(), record.byRule());
    }
}
