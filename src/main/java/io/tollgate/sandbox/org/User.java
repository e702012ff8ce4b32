package io.tollgate.sandbox.org;

import jakarta.json.JsonObject;

import java.time.Instant;

/**
 * A user of the sandbox org, immutable: the directory swaps whole values. Only the presence of a
 * password is kept, never its value, as Okta's answers show it ({@code "password":{}}).
 *
 * @param profile the profile attributes in the order they are answered
 */
public record User(String id, UserStatus status, Instant created, Instant activated, Instant statusChanged,
                   Instant lastLogin, Instant lastUpdated, Instant passwordChanged, JsonObject profile,
                   Credentials credentials) {

    /** @param recoveryQuestion the question only; the answer is write-only and not kept */
    public record Credentials(boolean hasPassword, String recoveryQuestion, String providerType, String providerName) {

        public static Credentials okta(boolean hasPassword, String recoveryQuestion) {
            return new Credentials(hasPassword, recoveryQuestion, "OKTA", "OKTA");
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
}
