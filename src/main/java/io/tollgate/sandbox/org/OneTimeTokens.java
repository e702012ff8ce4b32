package io.tollgate.sandbox.org;

import java.security.SecureRandom;

/**
 * Random values shaped like Okta's one-time tokens ({@code JuldXoT8xS8whCzpskYQ}: 20 letters and
 * digits) and temporary passwords ({@code cW8kDao1}). The sandbox hands them out and keeps none:
 * there is no sign-in page that would take them.
 */
final class OneTimeTokens {

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private OneTimeTokens() {
    }

    static String next() {
        return random(20);
    }

    static String temporaryPassword() {
        return random(8);
    }

    private static String random(int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return value.toString();
    }
}
