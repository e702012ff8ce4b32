package io.tollgate.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TextScannerTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwMHUxIn0.c2lnbmF0dXJl";
    private static final String OKTA_TOKEN = "00abcdefghijklmnopqrstuvwxyzABCDEFGHIJ-_01";

    private final MaskCounts counts = new MaskCounts();

    /**
     * A secret placed so that it straddles the boundary between two scanning rounds (and the next
     * read), at every offset around it: it is masked whole every time.
     */
    @ParameterizedTest
    @ValueSource(ints = {-60, -42, -41, -20, -1, 0, 1, 20})
    void secretsAcrossRoundBoundariesAreMasked(int shift) throws IOException {
        // The first round reads CONTEXT + OVERLAP + CHUNK characters and writes all but the last OVERLAP.
        int boundary = TextScanner.CONTEXT + TextScanner.CHUNK;
        StringBuilder text = new StringBuilder();
        text.append("x".repeat(boundary + shift)).append(' ').append(OKTA_TOKEN).append(' ').append(JWT).append('\n');
        text.append("y".repeat(3 * TextScanner.CHUNK)).append(' ').append(OKTA_TOKEN).append('\n');
        String expected = text.toString().replace(OKTA_TOKEN, "[REDACTED]").replace(JWT, "[REDACTED]");

        assertEquals(expected, Profiles.masked(Profiles.okta(), "text/plain", text.toString(), counts));
        assertEquals(Map.of("credential.okta-api-token", 2L, "credential.jwt", 1L), counts.byRule());
    }

    @Test
    void secretsSplitByTinyReadsAreMasked() throws IOException {
        String text = "token=" + OKTA_TOKEN + "&next=" + JWT;
        assertEquals("token=[REDACTED]&next=[REDACTED]",
                Profiles.masked(Profiles.okta(), "application/x-www-form-urlencoded", JsonMaskingCopierTest.trickle(text, 3), counts));
    }

    @Test
    void aPrivateKeyLongerThanAReadIsMaskedWhole() throws IOException {
        String key = "-----BEGIN PRIVATE KEY-----\n" + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n".repeat(200) + "-----END PRIVATE KEY-----";
        String text = "a".repeat(TextScanner.CHUNK - 100) + "\n" + key + "\nafter";
        assertEquals("a".repeat(TextScanner.CHUNK - 100) + "\n[REDACTED]\nafter",
                Profiles.masked(Profiles.okta(), "text/plain", text, counts));
    }

    @Test
    void everyOtherByteIsCopiedExactly() throws IOException {
        byte[] latin1AndUtf8 = "caf\u00e9 \u65e5\u672c OK".getBytes(StandardCharsets.UTF_8);
        byte[] withInvalid = new byte[latin1AndUtf8.length + 2];
        System.arraycopy(latin1AndUtf8, 0, withInvalid, 0, latin1AndUtf8.length);
        withInvalid[latin1AndUtf8.length] = (byte) 0xff;
        withInvalid[latin1AndUtf8.length + 1] = (byte) 0xc3;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Profiles.okta().response("text/plain; charset=utf-8", null).copy(new ByteArrayInputStream(withInvalid), out,
                JsonStringFilter.NONE, counts);
        assertArrayEquals(withInvalid, out.toByteArray());
    }

    @Test
    void lookBehindSeesTheTextBeforeARound() throws IOException {
        // A token glued to the end of a longer run of token characters is not a token; the run began in an earlier round.
        int boundary = TextScanner.CHUNK + TextScanner.CONTEXT;
        String text = "z".repeat(boundary - 5) + "_abcd" + OKTA_TOKEN + " end";
        assertEquals(text, Profiles.masked(Profiles.okta(), "text/plain", text, counts));
    }
}
