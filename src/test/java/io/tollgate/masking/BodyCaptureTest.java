package io.tollgate.masking;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BodyCaptureTest {

    @Test
    void keepsTheMaskedBodyUpToTheCapAndDigestsTheOriginal() throws Exception {
        String original = "[{\"tempPassword\":\"cW8kDao1\"},{\"tempPassword\":\"Xy7pQr2s\"}]";
        BodyCapture capture = new BodyCapture(20);
        ByteArrayOutputStream agent = new ByteArrayOutputStream();
        MaskCounts counts = new MaskCounts();
        try (InputStream body = capture.digesting(new ByteArrayInputStream(original.getBytes(StandardCharsets.UTF_8)));
             OutputStream out = capture.tee(agent)) {
            Profiles.okta().response("application/json", null).copy(body, out, JsonStringFilter.NONE, counts);
        }
        byte[] sent = agent.toByteArray();
        assertEquals("[{\"tempPassword\":\"[REDACTED]\"},{\"tempPassword\":\"[REDACTED]\"}]", new String(sent, StandardCharsets.UTF_8));
        assertArrayEquals(java.util.Arrays.copyOf(sent, 20), capture.bytes());
        assertTrue(capture.truncated());
        assertEquals(sent.length, capture.deliveredBytes());
        assertEquals(original.length(), capture.originalBytes());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original.getBytes(StandardCharsets.UTF_8))),
                capture.originalSha256());
        assertFalse(new String(capture.bytes(), StandardCharsets.UTF_8).contains("cW8kDao1"));
    }

    @Test
    void aBodyWithinTheCapIsKeptWhole() throws IOException {
        BodyCapture capture = new BodyCapture(100);
        ByteArrayOutputStream agent = new ByteArrayOutputStream();
        try (OutputStream out = capture.tee(agent)) {
            out.write('{');
            out.write("\"a\":1}".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("{\"a\":1}", new String(capture.bytes(), StandardCharsets.UTF_8));
        assertFalse(capture.truncated());
    }

    @Test
    void aBodyThatNeverCameIsEmptyWithTheDigestOfNothing() throws Exception {
        BodyCapture capture = new BodyCapture(100);
        try (InputStream body = capture.capturing(new ByteArrayInputStream(new byte[0]))) {
            assertEquals(-1, body.read());
        }
        assertArrayEquals(new byte[0], capture.bytes());
        assertEquals(0, capture.originalBytes());
        assertFalse(capture.truncated());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[0])), capture.originalSha256());
    }
}
