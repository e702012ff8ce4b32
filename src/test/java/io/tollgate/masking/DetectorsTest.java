package io.tollgate.masking;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorsTest {

    /** The occurrences a detector finds in a text, as substrings. */
    private static List<String> found(Detector detector, String text) {
        MaskingRule rule = new MaskingRule("r", List.of(), Optional.of(detector), MaskMode.REDACT);
        List<Detector.Match> matches = detector.find(text, 0, text.length(), rule, null);
        return matches == null ? List.of() : matches.stream().map(m -> text.substring(m.start(), m.end())).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"john.doe@example.com", "a+tag@sub.example.co.uk", "00u1@corp.oktatest.com"})
    void emails(String email) {
        assertEquals(List.of(email), found(Detectors.EMAIL, email));
        assertEquals(List.of(email), found(Detectors.EMAIL, "write to " + email + ", please"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not an email", "john@", "@example.com", "john@localhost", "user@example.c"})
    void notEmails(String text) {
        assertEquals(List.of(), found(Detectors.EMAIL, text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 415 555 0134", "+44 20 7946 0958", "+4915112345678", "(415) 555-0134", "415-555-0134", "415.555.0134"})
    void phones(String phone) {
        assertEquals(List.of(phone), found(Detectors.PHONE, "call " + phone + " now"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2017-07-13T22:08:25.000Z", "00ub64jjq0JlEsxvx0h7", "version 1.2.3", "12345", "+12 34", "4155550134"})
    void notPhones(String text) {
        assertEquals(List.of(), found(Detectors.PHONE, text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005", "6011111111111117"})
    void paymentCardsPassingLuhn(String card) {
        assertEquals(List.of(card), found(Detectors.PAYMENT_CARD, "card: " + card + "."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "1234567812345678", "5500-0000-0000-0005", "41111111111111111111111", "411111111111"})
    void cardLookAlikesFailingLuhnOrLength(String text) {
        assertEquals(List.of(), found(Detectors.PAYMENT_CARD, "number " + text));
    }

    @Test
    void luhnChecksumAndCardLengths() {
        assertTrue(Detectors.luhn("4012 8888 8888 1881"));
        assertFalse(Detectors.luhn("4012 8888 8888 1882"));
        assertFalse(Detectors.luhn("79927398713"), "the textbook Luhn example: its checksum holds, but 11 digits is no card");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123-45-6789", "078 05 1120"})
    void usSocialSecurityNumbers(String ssn) {
        assertEquals(List.of(ssn), found(Detectors.US_SSN, "SSN " + ssn));
    }

    @ParameterizedTest
    @ValueSource(strings = {"000-12-3456", "666-12-3456", "912-34-5678", "123-00-4567", "123-45-0000", "123-45 6789", "1234-56-7890", "123456789"})
    void notSocialSecurityNumbers(String text) {
        assertEquals(List.of(), found(Detectors.US_SSN, text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89370400440532013000", "GB82 WEST 1234 5698 7654 32", "FR1420041010050500013M02606", "NL91ABNA0417164300"})
    void ibansWithValidChecksums(String iban) {
        assertEquals(List.of(iban), found(Detectors.IBAN, "pay to " + iban));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89370400440532013001", "GB82 WEST 1234 5698 7654 33", "NL91ABNA0417164301", "XX00ABCDEFGHIJKLMNOP"})
    void ibanLookAlikesFailingTheChecksum(String text) {
        assertEquals(List.of(), found(Detectors.IBAN, text));
    }

    @Test
    void jwtsSignedAndEncrypted() {
        String jws = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwMHUxIn0.c2lnbmF0dXJl-_x";
        String jwe = "eyJhbGciOiJSU0EtT0FFUCJ9.ZW5jcnlwdGVka2V5.aXY.Y2lwaGVydGV4dA.dGFn";
        assertEquals(List.of(jws), found(Detectors.JWT, "Bearer " + jws));
        assertEquals(List.of(jwe), found(Detectors.JWT, jwe));
        assertEquals(List.of(), found(Detectors.JWT, "eyJhbGciOiJSUzI1NiJ9 only a header"));
        assertEquals(List.of(), found(Detectors.JWT, "eyJa.b.c.d"), "four parts is neither a JWS nor a JWE");
    }

    @Test
    void oktaApiTokens() {
        String token = "00" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ-_01";
        assertEquals(42, token.length());
        assertEquals(List.of(token), found(Detectors.OKTA_API_TOKEN, "SSWS " + token));
        assertEquals(List.of(), found(Detectors.OKTA_API_TOKEN, "00ub64jjq0JlEsxvx0h7"), "Okta ids are 20 characters");
        assertEquals(List.of(), found(Detectors.OKTA_API_TOKEN, token + "X"), "43 characters is something else");
        assertEquals(List.of(), found(Detectors.OKTA_API_TOKEN, "01" + token.substring(2)));
    }

    @Test
    void pemPrivateKeysWholeOrTruncated() {
        String key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----";
        String rsa = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
        assertEquals(List.of(key), found(Detectors.PEM_PRIVATE_KEY, "key: " + key + "\nrest"));
        assertEquals(List.of(rsa), found(Detectors.PEM_PRIVATE_KEY, rsa));
        assertEquals(List.of("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIB"),
                found(Detectors.PEM_PRIVATE_KEY, "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIB"));
        assertEquals(List.of(), found(Detectors.PEM_PRIVATE_KEY, "-----BEGIN PUBLIC KEY-----\nMIIBIjANBg\n-----END PUBLIC KEY-----"));
        assertEquals(List.of(), found(Detectors.PEM_PRIVATE_KEY, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"));
    }

    @Test
    void customRegexes() {
        Detector employee = Detectors.custom("employee-id", "E-\\d{6}");
        assertEquals(List.of("E-123456", "E-654321"), found(employee, "E-123456 and E-654321, not E-12"));
        assertThrows(java.util.regex.PatternSyntaxException.class, () -> Detectors.custom("bad", "(unclosed"));
        assertThrows(java.util.regex.PatternSyntaxException.class, () -> Detectors.custom("empty", "x*"));
    }

    @Test
    void builtInNames() {
        assertEquals(List.of("email", "iban", "jwt", "okta-api-token", "payment-card", "pem-private-key", "phone", "us-ssn"),
                List.copyOf(Detectors.builtInNames()));
        assertFalse(Detectors.builtIn("ssn").isPresent());
    }
}
