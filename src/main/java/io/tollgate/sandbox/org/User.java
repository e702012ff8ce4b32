package io.tollgate.sandbox.org;

import jakarta.json.JsonObject;

import java.time.Instant;

/**
 * A user of the sandbox org, immutable: the directory swaps whole values. Passwords and recovery
 * answers are kept only as salted digests (see {@link Passwords}); answers show a password only as
 * present ({@code "password":{}}), as Okta's do.
 *
 * @param profile the profile attributes in the order they are answered
 */
public record User(String id, UserStatus status, Instant created, Instant activated, Instant statusChanged,
                   Instant lastLogin, Instant lastUpdated, Instant passwordChanged, JsonObject profile,
                   Credentials credentials) {

    /**
     * @param passwordHash       the password's digest, null when the user has no password
     * @param recoveryQuestion   the question, null when none is set
     * @param recoveryAnswerHash the answer's digest, null when no question is set
     */
    public record Credentials(String passwordHash, String recoveryQuestion, String recoveryAnswerHash,
                              String providerType, String providerName) {

        public static Credentials okta(String passwordHash, String recoveryQuestion, String recoveryAnswerHash) {
            return new Credentials(passwordHash, recoveryQuestion, recoveryAnswerHash, "OKTA", "OKTA");
        }

        public static Credentials none() {
            return okta(null, null, null);
        }

        public boolean hasPassword() {
            return passwordHash != null;
        }

        public boolean passwordIs(String value) {
            return Passwords.matches(value, passwordHash);
        }

        public boolean recoveryAnswerIs(String value) {
            return Passwords.matches(value, recoveryAnswerHash);
        }

        public Credentials withPassword(String value) {
            return new Credentials(Passwords.hash(value), recoveryQuestion, recoveryAnswerHash, providerType, providerName);
        }

        public Credentials withoutPassword() {
            return new Credentials(null, recoveryQuestion, recoveryAnswerHash, providerType, providerName);
        }

        public Credentials withRecovery(String question, String answer) {
            return new Credentials(passwordHash, question, Passwords.hash(answer), providerType, providerName);
        }

        /** Never shows the digests, should credentials end up in a log line. */
        @Override
        public String toString() {
            return "Credentials[password=" + hasPassword() + ", recoveryQuestion=" + (recoveryQuestion != null) + "]";
        }
    }

    public String login() {
        return profile.getString("login");
    }

    public User withProfile(JsonObject newProfile, Instant now) {
        return new User(id, status, created, activated, statusChanged, lastLogin, now, passwordChanged, newProfile, credentials);
    }

    public User withCredentials(Credentials newCredentials, boolean passwordChangedNow, Instant now) {
        return new User(id, status, created, activated, statusChanged, lastLogin, now,
                passwordChangedNow ? now : passwordChanged, profile, newCredentials);
    }

    /** A lifecycle transition: the status changes, and {@code activated} is set the first time the user becomes active. */
    public User withStatus(UserStatus newStatus, Instant now) {
        Instant firstActivated = activated == null && newStatus == UserStatus.ACTIVE ? now : activated;
        return new User(id, newStatus, created, firstActivated, now, lastLogin, now, passwordChanged, profile, credentials);
    }
}
