package io.tollgate.masking;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskModeTest {

    private final Tokenizer okta = Tokenizer.forConnection(Profiles.KEY, "okta");

    @Test
    void redactReplacesTheWholeValue() {
        assertEquals("[REDACTED]", MaskMode.REDACT.mask("cW8kDao1", okta));
    }

    @Test
    void partialKeepsTheLastFourOfLongEnoughValues() {
        assertEquals("****1111", MaskMode.PARTIAL.mask("4111111111111111", okta));
        assertEquals("****6789", MaskMode.PARTIAL.mask("123-45-6789", okta));
        assertEquals("****5678", MaskMode.PARTIAL.mask("12345678", okta));
        assertEquals("[REDACTED]", MaskMode.PARTIAL.mask("1234567", okta), "a short value would be half given away");
    }

    @Test
    void tokensAreStablePerConnectionAndDifferAcrossConnectionsAndKeys() {
        String token = MaskMode.TOKENIZE.mask("john@example.com", okta);
        assertTrue(token.matches("tok_[A-Z2-7]{16}"), token);
        assertEquals(token, MaskMode.TOKENIZE.mask("john@example.com", Tokenizer.forConnection(Profiles.KEY, "okta")));
        assertNotEquals(token, MaskMode.TOKENIZE.mask("jane@example.com", okta));
        assertNotEquals(token, MaskMode.TOKENIZE.mask("john@example.com", Tokenizer.forConnection(Profiles.KEY, "okta-lab")));
        assertNotEquals(token, MaskMode.TOKENIZE.mask("john@example.com",
                Tokenizer.forConnection("another-key-another-key-another-key".getBytes(StandardCharsets.UTF_8), "okta")));
    }

    @Test
    void tokensAreHmacSha256OfTheConnectionKeyInBase32() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(Profiles.KEY, "HmacSHA256"));
        byte[] connectionKey = mac.doFinal("tollgate masking token key v1:okta".getBytes(StandardCharsets.UTF_8));
        mac.init(new javax.crypto.spec.SecretKeySpec(connectionKey, "HmacSHA256"));
        byte[] digest = mac.doFinal("x".getBytes(StandardCharsets.UTF_8));
        StringBuilder bits = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            bits.append(String.format("%8s", Integer.toBinaryString(digest[i] & 0xff)).replace(' ', '0'));
        }
        StringBuilder expected = new StringBuilder("tok_");
        for (int i = 0; i < 80; i += 5) {
            expected.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".charAt(Integer.parseInt(bits.substring(i, i + 5), 2)));
        }
        assertEquals(expected.toString(), okta.token("x"));
    }
}
