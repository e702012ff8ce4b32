package io.tollgate.masking;

import io.tollgate.testsupport.Fuzz;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fuzzes the masker (issue 10): for Okta's default masking, a secret in a masked field or shaped
 * like a credential never reaches the output, whatever surrounds it (well-formed or not, any
 * nesting, escapes), and copying fails, if at all, only with an {@link IOException} for a body
 * that stops being JSON, never hanging. Runs 1,000 tries in the suite;
 * {@code -Dtollgate.fuzz.tries=1000000} runs longer (docs/reliability.md).
 */
class MaskerFuzzTest {

    private static final String SECRET = "S3cr3t-Fuzz-Value";
    /** A JWT's shape, as the credential detector knows it. */
    private static final String JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiIwMHUxIiwiaXNzIjoiaHR0cHM6Ly94In0.c2lnbmF0dXJlLXZhbHVlLWhlcmU";
    /** Guards against a hang only; no input comes anywhere near it. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final MaskingProfile OKTA = Profiles.okta();

    private static final String[] PIECES = {
            "{", "}", "[", "]", ",", ":", "\"client_secret\":\"" + SECRET + "\"", "\"activationToken\":\"" + SECRET + "\"",
            "\"password\":{\"value\":\"" + SECRET + "\"}", "\"credentials\":{\"password\":{\"value\":\"" + SECRET + "\"}}",
            "\"recovery_question\":{\"answer\":\"" + SECRET + "\"}", "\"tempPassword\":\"" + SECRET + "\"",
            "\"note\":\"" + JWT + "\"", "\"note\":\"Bearer " + JWT + " trailing\"", "\"_links\":{\"self\":{\"href\":\"https://x/y\"}}",
            "\"x\":", "\"y\"", "1", "-0.5e3", "null", "true", "\"\\u0041\\n\"", "\"\\ud83d\\ude00\"", " ", "\n"};

    /**
     * Whole pieces only: a lone quote or backslash would turn a masked key into part of another
     * string (an unmasked key such as {@code {"client_secret}), which proves nothing; arbitrary
     * bytes are the other property's.
     */
    private static String body(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Fuzz.stitched(random, PIECES, 0, 30);
            case 1, 2 -> "{" + String.join(",", Fuzz.listOf(random, 1, 8, MaskerFuzzTest::member)) + "}";
            default -> {
                int depth = Fuzz.between(random, 1, 2000);
                yield "[".repeat(depth) + "{\"client_secret\":\"" + SECRET + "\"}" + "]".repeat(depth);
            }
        };
    }

    /** A whole {@code "name": value} piece. */
    private static String member(Random random) {
        String piece;
        do {
            piece = Fuzz.oneOf(random, PIECES);
        } while (!(piece.startsWith("\"") && piece.contains(":")));
        return piece;
    }

    private static byte[] bytes(Random random) {
        byte[] bytes = new byte[random.nextInt(256)];
        random.nextBytes(bytes);
        return bytes;
    }

    @Test
    void noMaskedSecretEverReachesTheAgent() {
        Fuzz.forAll(MaskerFuzzTest::body, MaskerFuzzTest::masksEverySecret);
    }

    private static void masksEverySecret(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            try {
                OKTA.response("application/json", null).copy(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), out,
                        JsonStringFilter.NONE, new MaskCounts());
            } catch (IOException notJson) {
                // The copy broke off where the body stopped being JSON; what went out before is checked below.
            }
        }, () -> "masking hung on: " + body);
        String masked = out.toString(StandardCharsets.UTF_8);
        assertFalse(masked.contains(SECRET), () -> "a secret went out: " + body + " -> " + masked);
        assertFalse(masked.contains(JWT), () -> "a JWT went out: " + body + " -> " + masked);
    }

    @Test
    void anyBytesAreMaskedOrRefusedWithAnIOException() {
        Fuzz.forAll(MaskerFuzzTest::bytes, MaskerFuzzTest::maskedOrRefused);
    }

    private static void maskedOrRefused(byte[] body) {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (String contentType : new String[]{"application/json", "text/plain", "application/x-www-form-urlencoded"}) {
                try {
                    OKTA.response(contentType, null).copy(new ByteArrayInputStream(body), new ByteArrayOutputStream(),
                            JsonStringFilter.NONE, new MaskCounts());
                } catch (IOException notJson) {
                    // Refused as the copy's contract says.
                }
            }
        });
    }
}
