package io.tollgate.notification;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookTest {

    @Test
    void showsOnlyItsOriginAndIsReferencedByTheHashOfItsUrl() {
        Webhook slack = Webhook.parse(" https://hooks.slack.com/services/T000/B000/XXXXSECRET ").orElseThrow();
        assertEquals("https://hooks.slack.com", slack.origin());
        assertEquals(64, slack.sha256().length());
        assertNotEquals(slack.sha256(), Webhook.parse("https://hooks.slack.com/services/T000/B000/OTHER").orElseThrow().sha256());
        assertEquals("http://localhost:8125", Webhook.parse("http://localhost:8125/hook").orElseThrow().origin());
    }

    @Test
    void refusesWhatIsNotAnHttpUrlWithAHost() {
        for (String bad : new String[]{"hooks.slack.com/services/x", "ftp://example.com/hook", "http:///hook",
                "https://user:password@example.com/hook", "https://example.com/hook#part", "http://exa mple.com"}) {
            assertEquals(Optional.empty(), Webhook.parse(bad), bad);
        }
    }

    @Test
    void signsWithHmacSha256() {
        // RFC 4231, test case 2.
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                WebhookSignature.of("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)));
        assertTrue(WebhookSignature.of("other", new byte[0]).startsWith("sha256="));
    }
}
