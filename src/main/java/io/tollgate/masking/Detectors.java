package io.tollgate.masking;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The built-in detectors, by the name a masking document uses, and custom ones from a regular
 * expression. Every built-in pattern is bounded in length (no occurrence is longer than
 * {@link #MAX_MATCH_LENGTH}), which is what lets a text stream be scanned through a bounded window.
 */
public final class Detectors {

    /** The longest occurrence a built-in detector finds (a PEM private key of an 8192-bit RSA key fits). */
    static final int MAX_MATCH_LENGTH = 16 * 1024;

    static final Detector EMAIL = new Detector("email", Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?){0,8}\\.[A-Za-z]{2,24}(?![A-Za-z0-9-])"),
            text -> text.indexOf('@') >= 0, match -> true);

    /**
     * International numbers written with their {@code +} country code, and North American ones
     * ({@code (415) 555-0134}, {@code 415-555-0134}, {@code 415.555.0134}). Plain digit runs and
     * dates are not phone numbers here: without a shape they cannot be told from ids.
     */
    static final Detector PHONE = new Detector("phone", Pattern.compile(
            "(?<![\\w+])(?:\\+\\d{1,3}[ .-]?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{1,4}(?:[ .-]?\\d{2,4}){1,5}"
                    + "|(?:\\(\\d{3}\\) ?|\\d{3}[.-])\\d{3}[.-]\\d{4})(?![\\w])"),
            text -> hasDigits(text, 7), match -> digitCount(match) >= 7 && digitCount(match) <= 15);

    /** 13 to 19 digits, in groups separated by single spaces or dashes, passing the Luhn check. */
    static final Detector PAYMENT_CARD = new Detector("payment-card", Pattern.compile(
            "(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])"),
            text -> hasDigits(text, 13), Detectors::luhn);

    /** A US Social Security number written {@code 123-45-6789} (or with spaces); never-issued ranges excluded. */
    static final Detector US_SSN = new Detector("us-ssn", Pattern.compile(
            "(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}([- ])(?!00)\\d{2}\\1(?!0000)\\d{4}(?![\\d-])"),
            text -> hasDigits(text, 9), match -> true);

    /** An IBAN, compact or in groups of four, whose mod-97 checksum holds. */
    static final Detector IBAN = new Detector("iban", Pattern.compile(
            "(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])"),
            text -> text.length() >= 15 && hasDigits(text, 2), Detectors::ibanChecksum);

    /** A signed (three parts) or encrypted (five parts) JWT: its header is base64url JSON, so it starts with {@code eyJ}. */
    static final Detector JWT = new Detector("jwt", Pattern.compile(
            "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{1,4096}(?:\\.[A-Za-z0-9_-]{0,8192}){2,4}(?![A-Za-z0-9_-])"),
            text -> text.contains("eyJ"), match -> match.chars().filter(c -> c == '.').count() % 2 == 0);

    /** Okta's SSWS API tokens: {@code 00} and 40 URL-safe characters. */
    static final Detector OKTA_API_TOKEN = new Detector("okta-api-token", Pattern.compile(
            "(?<![A-Za-z0-9_-])00[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])"),
            text -> text.length() >= 42 && text.contains("00"), match -> true);

    /**
     * A PEM private key (PKCS#1, PKCS#8, EC, OpenSSH, encrypted): from its BEGIN line to its END
     * line, or, when the END line is missing (a truncated key), through the base64 that follows.
     */
    static final Detector PEM_PRIVATE_KEY = new Detector("pem-private-key", Pattern.compile(
            "-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY-----(?:[\\s\\S]{0,16000}?-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY-----"
                    + "|[A-Za-z0-9+/=\\s\\\\:,-]{0,16000})"),
            text -> text.contains("PRIVATE KEY-----"), match -> true);

    private static final Map<String, Detector> BUILT_IN = Map.of(
            EMAIL.name(), EMAIL, PHONE.name(), PHONE, PAYMENT_CARD.name(), PAYMENT_CARD, US_SSN.name(), US_SSN,
            IBAN.name(), IBAN, JWT.name(), JWT, OKTA_API_TOKEN.name(), OKTA_API_TOKEN,
            PEM_PRIVATE_KEY.name(), PEM_PRIVATE_KEY);

    private Detectors() {
    }

    public static Optional<Detector> builtIn(String name) {
        return Optional.ofNullable(BUILT_IN.get(name));
    }

    public static Set<String> builtInNames() {
        return new TreeSet<>(BUILT_IN.keySet());
    }

    /**
     * A detector for an operator's own pattern.
     *
     * @throws PatternSyntaxException when it is not a valid Java regular expression
     */
    static Detector custom(String name, String regex) {
        Pattern pattern = Pattern.compile(regex);
        if (pattern.matcher("").matches()) {
            throw new PatternSyntaxException("the pattern matches the empty string", regex, 0);
        }
        return new Detector(name, pattern, text -> true, match -> true);
    }

    private static boolean hasDigits(String text, int atLeast) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' && ++digits >= atLeast) {
                return true;
            }
        }
        return false;
    }

    private static int digitCount(String text) {
        return (int) text.chars().filter(c -> c >= '0' && c <= '9').count();
    }

    static boolean luhn(String candidate) {
        int sum = 0;
        boolean doubled = false;
        int digits = 0;
        for (int i = candidate.length() - 1; i >= 0; i--) {
            char c = candidate.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int digit = c - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
            digits++;
        }
        return digits >= 13 && digits <= 19 && sum % 10 == 0;
    }

    /** ISO 13616: move the first four characters to the end, letters to numbers (A=10), the whole mod 97 is 1. */
    static boolean ibanChecksum(String candidate) {
        String compact = candidate.replace(" ", "");
        if (compact.length() < 15 || compact.length() > 34) {
            return false;
        }
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (int i = 0; i < rearranged.length(); i++) {
            digits.append(Character.digit(rearranged.charAt(i), 36));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
}
