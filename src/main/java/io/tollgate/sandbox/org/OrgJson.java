package io.tollgate.sandbox.org;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Users and groups in the shape Okta answers with (recorded exchanges and the OpenAPI schemas
 * {@code User} and {@code Group}): the same fields in the same order, {@code null} where Okta writes
 * null, timestamps as {@code 2017-07-13T22:08:09.000Z}, and {@code _links} built on the org's URL.
 */
public final class OrgJson {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Okta's group logos, as its answers carry them. */
    private static final String LOGO_MEDIUM =
            "https://op1static.oktacdn.com/assets/img/logos/groups/okta-medium.d7fb831bc4e7e1a5d8bd35dfaf405d9e.png";
    private static final String LOGO_LARGE =
            "https://op1static.oktacdn.com/assets/img/logos/groups/okta-large.511fcb0de9da185b52589cb14d581c2c.png";

    private final String orgUrl;

    /** @param orgUrl the org's base URL as the caller reached it, without a trailing slash */
    public OrgJson(String orgUrl) {
        this.orgUrl = orgUrl;
    }

    public String orgUrl() {
        return orgUrl;
    }

    public String usersUrl() {
        return orgUrl + "/api/v1/users";
    }

    public String groupsUrl() {
        return orgUrl + "/api/v1/groups";
    }

    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /**
     * @param single a single user carries the lifecycle links of its status; users in a list carry
     *               only {@code self}, as Okta's do
     */
    public JsonObject user(User user, boolean single) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", user.id())
                .add("status", user.status().name());
        time(json, "created", user.created());
        time(json, "activated", user.activated());
        time(json, "statusChanged", user.statusChanged());
        time(json, "lastLogin", user.lastLogin());
        time(json, "lastUpdated", user.lastUpdated());
        time(json, "passwordChanged", user.passwordChanged());
        return json.add("profile", user.profile())
                .add("credentials", credentials(user.credentials()))
                .add("_links", single ? userLinks(user) : selfOnly(usersUrl() + "/" + user.id()))
                .build();
    }

    public JsonObject group(Group group) {
        JsonObjectBuilder profile = Json.createObjectBuilder().add("name", group.name());
        if (group.description() != null) {
            profile.add("description", group.description());
        }
        String self = groupsUrl() + "/" + group.id();
        JsonObjectBuilder json = Json.createObjectBuilder().add("id", group.id());
        time(json, "created", group.created());
        time(json, "lastUpdated", group.lastUpdated());
        time(json, "lastMembershipUpdated", group.lastMembershipUpdated());
        return json.add("objectClass", Json.createArrayBuilder().add("okta:user_group"))
                .add("type", group.type().name())
                .add("profile", profile)
                .add("_links", Json.createObjectBuilder()
                        .add("logo", Json.createArrayBuilder()
                                .add(logo("medium", LOGO_MEDIUM))
                                .add(logo("large", LOGO_LARGE)))
                        .add("users", href(self + "/users"))
                        .add("apps", href(self + "/apps")))
                .build();
    }

    private static JsonObjectBuilder logo(String name, String href) {
        return Json.createObjectBuilder().add("name", name).add("href", href).add("type", "image/png");
    }

    /** A user's {@code credentials} as Okta answers them: a password only as present, the recovery question without its answer. */
    public JsonObject credentials(User.Credentials credentials) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        if (credentials.hasPassword()) {
            json.add("password", JsonObject.EMPTY_JSON_OBJECT);
        }
        if (credentials.recoveryQuestion() != null) {
            json.add("recovery_question", Json.createObjectBuilder().add("question", credentials.recoveryQuestion()));
        }
        return json.add("provider", Json.createObjectBuilder()
                        .add("type", credentials.providerType())
                        .add("name", credentials.providerName()))
                .build();
    }

    /** The lifecycle operations Okta offers a user in each status, in the order its answers list them. */
    private JsonObject userLinks(User user) {
        String self = usersUrl() + "/" + user.id();
        JsonObjectBuilder links = Json.createObjectBuilder();
        List<String> relations = switch (user.status()) {
            case ACTIVE -> user.credentials().recoveryQuestion() == null
                    ? List.of("suspend", "resetPassword", "expirePassword", "self", "changeRecoveryQuestion", "deactivate", "changePassword")
                    : List.of("suspend", "resetPassword", "expirePassword", "forgotPassword", "self", "changeRecoveryQuestion",
                    "deactivate", "changePassword");
            case STAGED, DEPROVISIONED -> List.of("activate", "self");
            case PROVISIONED -> List.of("reactivate", "self", "deactivate");
            case SUSPENDED -> List.of("unsuspend", "self", "deactivate");
            case LOCKED_OUT -> List.of("unlock", "resetPassword", "self", "deactivate");
            case PASSWORD_EXPIRED, RECOVERY -> List.of("resetPassword", "self", "deactivate");
        };
        relations.forEach(relation -> links.add(relation, relation.equals("self") ? href(self) : operation(self, relation)));
        return links.build();
    }

    private static JsonObjectBuilder operation(String self, String relation) {
        String path = switch (relation) {
            case "forgotPassword" -> "/credentials/forgot_password";
            case "changePassword" -> "/credentials/change_password";
            case "changeRecoveryQuestion" -> "/credentials/change_recovery_question";
            case "resetPassword" -> "/lifecycle/reset_password";
            case "expirePassword" -> "/lifecycle/expire_password";
            default -> "/lifecycle/" + relation;
        };
        return href(self + path).add("method", "POST");
    }

    private static JsonObject selfOnly(String self) {
        return Json.createObjectBuilder().add("self", href(self)).build();
    }

    private static JsonObjectBuilder href(String url) {
        return Json.createObjectBuilder().add("href", url);
    }

    private static void time(JsonObjectBuilder json, String name, Instant instant) {
        if (instant == null) {
            json.addNull(name);
        } else {
            json.add(name, timestamp(instant));
        }
    }
}
