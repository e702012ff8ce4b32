package io.tollgate.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.sandbox.SandboxClient.Answer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.tollgate.sandbox.SandboxClient.delete;
import static io.tollgate.sandbox.SandboxClient.get;
import static io.tollgate.sandbox.SandboxClient.post;
import static io.tollgate.sandbox.SandboxClient.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sandbox org behaves like Okta (issue 3): the user state machine and its errors, credential
 * operations, profile updates, groups, group rules, admin roles and apps, each answer checked
 * against Okta's OpenAPI contract by {@link SandboxClient}.
 */
class SandboxOrgIT {

    @Test
    void userLifecycleFollowsOktasStateMachine() {
        JsonNode user = createUser(false, "Abcd1234!");
        String id = user.path("id").asText();
        assertEquals("STAGED", user.path("status").asText());

        assertError(post("/api/v1/users/" + id + "/lifecycle/suspend", null), 400, "E0000001");
        Answer activated = post("/api/v1/users/" + id + "/lifecycle/activate?sendEmail=false", null);
        assertEquals(200, activated.status());
        String token = activated.body().path("activationToken").asText();
        assertTrue(token.matches("[A-Za-z0-9]{20}"), token);
        assertEquals(SandboxClient.org() + "/welcome/" + token, activated.body().path("activationUrl").asText());
        assertEquals("ACTIVE", status(id));
        assertError(post("/api/v1/users/" + id + "/lifecycle/activate", null), 403, "E0000016");
        assertError(post("/api/v1/users/" + id + "/lifecycle/unsuspend", null), 400, "E0000001");

        assertEquals(200, post("/api/v1/users/" + id + "/lifecycle/suspend", null).status());
        assertEquals("SUSPENDED", status(id));
        assertError(post("/api/v1/users/" + id + "/lifecycle/reset_password", null), 403, "E0000038");
        assertEquals(200, post("/api/v1/users/" + id + "/lifecycle/unsuspend", null).status());
        assertEquals("ACTIVE", status(id));

        Answer expired = post("/api/v1/users/" + id + "/lifecycle/expire_password?tempPassword=true", null);
        assertEquals(200, expired.status());
        String temporary = expired.body().path("tempPassword").asText();
        assertEquals(8, temporary.length());
        assertEquals("PASSWORD_EXPIRED", status(id));
        Answer changed = post("/api/v1/users/" + id + "/credentials/change_password",
                "{\"oldPassword\":{\"value\":\"" + temporary + "\"},\"newPassword\":{\"value\":\"N3w-Secret!\"}}");
        assertEquals(200, changed.status());
        assertEquals("{}", changed.body().path("password").toString(), "a password is shown only as present");
        assertEquals("ACTIVE", status(id), "changing an expired password activates the user again");
        assertError(post("/api/v1/users/" + id + "/credentials/change_password",
                "{\"oldPassword\":{\"value\":\"wrong\"},\"newPassword\":{\"value\":\"Other-1234\"}}"), 403, "E0000014");

        Answer question = post("/api/v1/users/" + id + "/credentials/change_recovery_question",
                "{\"password\":{\"value\":\"N3w-Secret!\"},\"recovery_question\":{\"question\":\"Favourite colour?\",\"answer\":\"teal\"}}");
        assertEquals(200, question.status());
        assertEquals("Favourite colour?", question.body().path("recovery_question").path("question").asText());
        assertFalse(question.body().path("recovery_question").has("answer"), "the answer is never answered");

        Answer reset = post("/api/v1/users/" + id + "/lifecycle/reset_password?sendEmail=false", null);
        assertEquals(200, reset.status());
        assertTrue(reset.body().path("resetPasswordUrl").asText().startsWith(SandboxClient.org() + "/reset_password/"));
        assertEquals("RECOVERY", status(id));

        assertEquals(204, delete("/api/v1/users/" + id).status(), "the first delete deactivates");
        assertEquals("DEPROVISIONED", status(id));
        assertError(post("/api/v1/users/" + id + "/lifecycle/deactivate", null), 403, "E0000038");
        assertEquals(204, delete("/api/v1/users/" + id).status(), "the second delete deletes");
        assertError(get("/api/v1/users/" + id), 404, "E0000007");
    }

    @Test
    void partialAndFullProfileUpdates() {
        JsonNode user = createUser(true, "Abcd1234!");
        String id = user.path("id").asText();
        Answer partial = post("/api/v1/users/" + id, "{\"profile\":{\"nickName\":\"Ida\",\"title\":\"Tester\"}}");
        assertEquals(200, partial.status());
        assertEquals("Ida", partial.body().path("profile").path("nickName").asText());
        assertEquals(user.path("profile").path("login"), partial.body().path("profile").path("login"), "others kept");

        JsonNode profile = user.path("profile");
        Answer full = put("/api/v1/users/" + id, "{\"profile\":{\"firstName\":\"Ida\",\"lastName\":\"Replaced\",\"email\":\""
                + profile.path("email").asText() + "\",\"login\":\"" + profile.path("login").asText() + "\"}}");
        assertEquals(200, full.status());
        assertEquals("Replaced", full.body().path("profile").path("lastName").asText());
        assertFalse(full.body().path("profile").has("nickName"), "a full update removes what it does not give");
        assertError(put("/api/v1/users/" + id, "{\"profile\":{\"firstName\":\"No login\"}}"), 400, "E0000001");
    }

    @Test
    void groupsCrudMembershipAndSearch() {
        String name = "IT crud " + UUID.randomUUID();
        Answer created = post("/api/v1/groups", "{\"profile\":{\"name\":\"" + name + "\"}}");
        assertEquals(200, created.status());
        String groupId = created.id();
        Answer found = get("/api/v1/groups?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        assertEquals(List.of(groupId), ids(found.body()));
        Answer searched = get("/api/v1/groups?search=" + URLEncoder.encode("profile.name eq \"" + name + "\"", StandardCharsets.UTF_8));
        assertEquals(List.of(groupId), ids(searched.body()));

        Answer replaced = put("/api/v1/groups/" + groupId, "{\"profile\":{\"name\":\"" + name + " renamed\",\"description\":\"d\"}}");
        assertEquals(200, replaced.status());
        assertEquals(name + " renamed", replaced.body().path("profile").path("name").asText());

        String userId = createUser(true, "Abcd1234!").path("id").asText();
        assertEquals(204, put("/api/v1/groups/" + groupId + "/users/" + userId, null).status());
        assertEquals(List.of(userId), ids(get("/api/v1/groups/" + groupId + "/users").body()));
        assertTrue(ids(get("/api/v1/users/" + userId + "/groups").body()).contains(groupId));
        assertEquals(204, delete("/api/v1/groups/" + groupId + "/users/" + userId).status());
        assertEquals(List.of(), ids(get("/api/v1/groups/" + groupId + "/users").body()));

        assertEquals(204, delete("/api/v1/groups/" + groupId).status());
        assertError(get("/api/v1/groups/" + groupId), 404, "E0000007");
        String everyone = ids(get("/api/v1/groups?q=Everyone").body()).get(0);
        assertError(delete("/api/v1/groups/" + everyone), 403, "E0000006");
    }

    @Test
    void groupRulesAssignMatchingUsersWhenActive() {
        String lastName = "Rule" + UUID.randomUUID().toString().substring(0, 8);
        String userId = createUser(true, "Abcd1234!", lastName).path("id").asText();
        String groupId = post("/api/v1/groups", "{\"profile\":{\"name\":\"IT rule " + lastName + "\"}}").id();
        Answer rule = post("/api/v1/groups/rules", "{\"type\":\"group_rule\",\"name\":\"IT " + lastName + "\",\"conditions\":"
                + "{\"expression\":{\"value\":\"user.lastName==\\\"" + lastName + "\\\"\",\"type\":\"urn:okta:expression:1.0\"}},"
                + "\"actions\":{\"assignUserToGroups\":{\"groupIds\":[\"" + groupId + "\"]}}}");
        assertEquals(200, rule.status());
        assertEquals("INACTIVE", rule.body().path("status").asText());
        assertEquals(List.of(), ids(get("/api/v1/groups/" + groupId + "/users").body()), "an inactive rule assigns nobody");
        assertEquals(204, post("/api/v1/groups/rules/" + rule.id() + "/lifecycle/activate", null).status());
        assertEquals(List.of(userId), ids(get("/api/v1/groups/" + groupId + "/users").body()));
        assertError(delete("/api/v1/groups/rules/" + rule.id()), 403, "E0000006");
        assertEquals(204, post("/api/v1/groups/rules/" + rule.id() + "/lifecycle/deactivate", null).status());
        assertEquals(202, delete("/api/v1/groups/rules/" + rule.id()).status());
        assertError(get("/api/v1/groups/rules/" + rule.id()), 404, "E0000007");
    }

    @Test
    void adminRolesWithGroupTargets() {
        String userId = createUser(true, "Abcd1234!").path("id").asText();
        for (String type : List.of("SUPER_ADMIN", "ORG_ADMIN", "USER_ADMIN", "GROUP_MEMBERSHIP_ADMIN")) {
            Answer assigned = post("/api/v1/users/" + userId + "/roles", "{\"type\":\"" + type + "\"}");
            assertEquals(201, assigned.status(), assigned.raw().body());
            assertEquals(type, assigned.body().path("type").asText());
            assertEquals("ACTIVE", assigned.body().path("status").asText());
        }
        assertError(post("/api/v1/users/" + userId + "/roles", "{\"type\":\"USER_ADMIN\"}"), 400, "E0000001");
        JsonNode roles = get("/api/v1/users/" + userId + "/roles").body();
        assertEquals(4, roles.size());
        String userAdmin = "KVJUKUS7IFCE2SKO";
        String groupA = post("/api/v1/groups", "{\"profile\":{\"name\":\"IT target " + UUID.randomUUID() + "\"}}").id();
        String groupB = post("/api/v1/groups", "{\"profile\":{\"name\":\"IT target " + UUID.randomUUID() + "\"}}").id();
        String targets = "/api/v1/users/" + userId + "/roles/" + userAdmin + "/targets/groups";
        assertEquals(204, put(targets + "/" + groupA, null).status());
        assertEquals(204, put(targets + "/" + groupB, null).status());
        assertEquals(List.of(groupA, groupB).stream().sorted().toList(), ids(get(targets).body()));
        assertEquals(204, delete(targets + "/" + groupA).status());
        assertError(delete(targets + "/" + groupB), 403, "E0000006");
        String superAdmin = "KNKVARKSL5AUITKJJY";
        assertError(put("/api/v1/users/" + userId + "/roles/" + superAdmin + "/targets/groups/" + groupA, null), 403, "E0000006");
        assertEquals(204, delete("/api/v1/users/" + userId + "/roles/" + superAdmin).status());
        assertEquals(3, get("/api/v1/users/" + userId + "/roles").body().size());
    }

    @Test
    void oidcAppsAreCreatedWithTheirSecretOnceThenDeactivatedAndDeleted() {
        Answer created = post("/api/v1/apps", "{\"name\":\"oidc_client\",\"label\":\"IT app " + UUID.randomUUID()
                + "\",\"signOnMode\":\"OPENID_CONNECT\",\"credentials\":{\"oauthClient\":{\"token_endpoint_auth_method\":"
                + "\"client_secret_basic\"}},\"settings\":{\"oauthClient\":{\"grant_types\":[\"client_credentials\"],"
                + "\"response_types\":[\"token\"],\"application_type\":\"service\"}}}");
        assertEquals(200, created.status(), created.raw().body());
        String secret = created.body().path("credentials").path("oauthClient").path("client_secret").asText();
        assertTrue(secret.length() >= 14, "Okta generates a client secret on create");
        String appId = created.id();
        Answer read = get("/api/v1/apps/" + appId);
        assertFalse(read.body().path("credentials").path("oauthClient").has("client_secret"), "shown only on create");
        assertTrue(ids(get("/api/v1/apps?limit=200").body()).contains(appId));
        assertError(delete("/api/v1/apps/" + appId), 403, "E0000056");
        assertEquals(200, post("/api/v1/apps/" + appId + "/lifecycle/deactivate", null).status());
        assertEquals("INACTIVE", get("/api/v1/apps/" + appId).body().path("status").asText());
        assertEquals(204, delete("/api/v1/apps/" + appId).status());
        assertError(get("/api/v1/apps/" + appId), 404, "E0000007");
    }

    @Test
    void resetForgetsChangesAndSeedsAgainAndNeedsTheApiToken() {
        String id = createUser(true, "Abcd1234!").path("id").asText();
        HttpRequest anonymous = HttpRequest.newBuilder(URI.create(SandboxClient.org() + "/admin/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        assertEquals(401, SandboxClient.exchange(anonymous).status());
        assertEquals(200, get("/api/v1/users/" + id).status());

        assertEquals(204, post("/admin/reset", null).status());
        assertError(get("/api/v1/users/" + id), 404, "E0000007");
        assertEquals(200, get("/api/v1/users?limit=1").status());
        assertNotEquals(0, get("/api/v1/groups?q=Engineering").body().size(), "the seeded groups are back");
    }

    static JsonNode createUser(boolean activate, String password) {
        return createUser(activate, password, "Tester");
    }

    static JsonNode createUser(boolean activate, String password, String lastName) {
        String login = "it-" + UUID.randomUUID() + "@example.com";
        Answer created = post("/api/v1/users?activate=" + activate, "{\"profile\":{\"firstName\":\"Ida\",\"lastName\":\""
                + lastName + "\",\"email\":\"" + login + "\",\"login\":\"" + login + "\"},\"credentials\":{\"password\":{\"value\":\""
                + password + "\"}}}");
        assertEquals(200, created.status(), created.raw().body());
        return created.body();
    }

    private static String status(String id) {
        return get("/api/v1/users/" + id).body().path("status").asText();
    }

    static void assertError(Answer answer, int status, String errorCode) {
        assertEquals(status, answer.status(), answer.raw().body());
        assertEquals(errorCode, answer.body().path("errorCode").asText(), answer.raw().body());
        assertTrue(answer.body().path("errorId").asText().startsWith("oae"));
    }

    static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }
}
