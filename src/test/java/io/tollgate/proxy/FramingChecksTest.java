package io.tollgate.proxy;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The servlet's framing checks read methods and lengths exactly as RFC 9110's grammar does. */
class FramingChecksTest {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}");
    private static final Pattern LENGTH = Pattern.compile("[0-9]{1,18}");

    @Test
    void everyCharacterIsJudgedAsTheGrammarSays() {
        for (char c = 0; c < 0x180; c++) {
            String text = String.valueOf(c);
            assertEquals(TOKEN.matcher(text).matches(), ProxyServlet.isMethodToken(text), () -> "method " + (int) text.charAt(0));
            assertEquals(LENGTH.matcher(text).matches(), ProxyServlet.isContentLength(text), () -> "length " + (int) text.charAt(0));
        }
    }

    @Test
    void randomTextIsJudgedAsTheGrammarSays() {
        Random random = new Random(9110);
        String alphabet = "GETPOSTget0123456789 \t;:/\"(),-_~!#|\u00e9\u0000";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(40); length > 0; length--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = text.toString();
            assertEquals(TOKEN.matcher(candidate).matches(), ProxyServlet.isMethodToken(candidate), candidate);
            String digits = candidate.replaceAll("[^0-9]", "");
            assertEquals(LENGTH.matcher(digits).matches(), ProxyServlet.isContentLength(digits), digits);
            assertEquals(LENGTH.matcher(candidate).matches(), ProxyServlet.isContentLength(candidate), candidate);
        }
    }
}
