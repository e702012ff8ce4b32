package io.tollgate.proxy;

import io.tollgate.testsupport.Fuzz;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Random;
import java.text.Normalizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Fuzzes the path canonicalizer (issue 10): whatever it accepts decodes one way only. Runs a few
 * thousand tries in the suite; {@code -Dtollgate.fuzz.tries=1000000} runs longer (see
 * docs/reliability.md).
 */
class PathCanonicalizerFuzzTest {

    /** Path syntax, its encodings and look-alikes, and plain text, for paths worth canonicalizing. */
    private static final String[] PIECES = {
            "/", "/", "/", ".", "..", "%2e", "%2E", "%2f", "%2F", "%5c", "%5C", "%25", "%252e", "%252f", ";", "%3b", "\\",
            "%c0%ae", "%c0%af", "%e0%80%ae", "%c1%9c", "%ef%bc%8e", "%ef%bc%8f", "%ef%bc%bc", "%e2%80%a4", "%e2%80%a5",
            "%ef%b9%94", "%e2%88%95", "%c3%a9", "%ff", "%", "%z", "%2", "%00", "%0a", "%7f", "%20", "+", "~", "-", "_",
            "@", ":", "=", "!", "$", "&", "'", "(", ")", "*", ",", "#", "?", " ", "\u00e9", "\uff0e", "\u2024", "\u0000",
            "a", "b", "stub", "okta", "api", "v1", "users", "00u1", "%41", "%7e"};

    private static String path(Random random) {
        return random.nextInt(3) < 2 ? "/" + Fuzz.stitched(random, PIECES, 0, 16) : Fuzz.anyString(random, 40);
    }

    @Test
    void whatIsAcceptedDecodesOneWayAndForwardsAsItWasJudged() {
        Fuzz.forAll(PathCanonicalizerFuzzTest::path, PathCanonicalizerFuzzTest::decodesOneWay);
    }

    private static void decodesOneWay(String raw) throws Exception {
        ProxyTarget target;
        try {
            target = PathCanonicalizer.canonicalize(raw);
        } catch (AmbiguousPathException refused) {
            return;
        }
        for (String segment : target.segments()) {
            String compatible = Normalizer.normalize(segment, Normalizer.Form.NFKC);
            assertFalse(segment.equals(".") || segment.equals("..") || compatible.equals(".") || compatible.equals(".."),
                    () -> "dot segment accepted: " + raw);
            assertFalse(compatible.contains("/") || compatible.contains("\\") || compatible.contains(";"),
                    () -> "path syntax inside a segment accepted: " + raw);
            assertFalse(segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f), () -> "control character accepted: " + raw);
        }
        String rawConnection = raw.substring(1, raw.length() - target.upstreamPath().length());
        assertEquals(target, PathCanonicalizer.canonicalize("/" + rawConnection + target.upstreamPath()),
                () -> "re-canonicalizing what is forwarded reads differently: " + raw);
        // What the upstream receives, read by a generic decoder, is what the policy judged; normalising changes nothing.
        URI forwarded = new URI("http://upstream" + target.upstreamPath());
        assertEquals(target.decodedPath(), forwarded.getPath(), () -> "a generic decoder reads " + raw + " otherwise");
        assertEquals(forwarded, forwarded.normalize(), () -> "dot segments survive in " + raw);
    }
}
