package io.tollgate.sandbox.org;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.time.Instant;

/**
 * How users and groups are written to the sandbox's journal and read back: every field, digests
 * included, which the Management API never answers. Not Okta's shape: that is {@link OrgJson}.
 */
final class Documents {

    private Documents() {
    }

    static JsonObject user(User user) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", user.id())
                .add("status", user.status().name());
        time(json, "created", user.created());
        time(json, "activated", user.activated());
        time(json, "statusChanged", user.statusChanged());
        time(json, "lastLogin", user.lastLogin());
        time(json, "lastUpdated", user.lastUpdated());
        time(json, "passwordChanged", user.passwordChanged());
        User.Credentials credentials = user.credentials();
        JsonObjectBuilder stored = Json.createObjectBuilder();
        text(stored, "passwordHash", credentials.passwordHash());
        text(stored, "recoveryQuestion", credentials.recoveryQuestion());
        text(stored, "recoveryAnswerHash", credentials.recoveryAnswerHash());
        stored.add("providerType", credentials.providerType()).add("providerName", credentials.providerName());
        return json.add("profile", user.profile()).add("credentials", stored).build();
    }

    static User user(JsonObject json) {
        JsonObject credentials = json.getJsonObject("credentials");
        return new User(json.getString("id"), UserStatus.valueOf(json.getString("status")),
                time(json, "created"), time(json, "activated"), time(json, "statusChanged"), time(json, "lastLogin"),
                time(json, "lastUpdated"), time(json, "passwordChanged"), json.getJsonObject("profile"),
                new User.Credentials(text(credentials, "passwordHash"), text(credentials, "recoveryQuestion"),
                        text(credentials, "recoveryAnswerHash"), credentials.getString("providerType"),
                        credentials.getString("providerName")));
    }

    static JsonObject group(Group group) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("id", group.id());
        time(json, "created", group.created());
        time(json, "lastUpdated", group.lastUpdated());
        time(json, "lastMembershipUpdated", group.lastMembershipUpdated());
        json.add("type", group.type().name()).add("name", group.name());
        text(json, "description", group.description());
        return json.build();
    }

    static Group group(JsonObject json) {
        return new Group(json.getString("id"), time(json, "created"), time(json, "lastUpdated"),
                time(json, "lastMembershipUpdated"), GroupType.valueOf(json.getString("type")), json.getString("name"),
                text(json, "description"));
    }

    static JsonObject membership(String groupId, String userId) {
        return Json.createObjectBuilder().add("groupId", groupId).add("userId", userId).build();
    }

    static String membershipId(String groupId, String userId) {
        return groupId + "/" + userId;
    }

    private static void time(JsonObjectBuilder json, String name, Instant instant) {
        if (instant == null) {
            json.addNull(name);
        } else {
            json.add(name, instant.toString());
        }
    }

    private static Instant time(JsonObject json, String name) {
        return json.isNull(name) ? null : Instant.parse(json.getString(name));
    }

    private static void text(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    private static String text(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : json.getString(name);
    }
}
