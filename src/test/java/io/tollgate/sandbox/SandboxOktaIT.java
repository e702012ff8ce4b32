package io.tollgate.sandbox;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Talks to the built-in Okta sandbox of the started {@code tollgate-it} server (which runs with
 * {@code tollgate.sandbox.enabled=true}) the way an Okta client would: a token from its
 * authorization server, then its Management API with the org's API token.
 */
class SandboxOktaIT {

    private static final String API_TOKEN = "00Sandbox-Demo-Token-Not-A-Secret-000000";
    private static final Pattern LINK = Pattern.compile("<([^>]+)>; rel=\"([a-z]+)\"");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String org;

    @BeforeAll
    static void locateServer() {
        String port = System.getProperty("tollgate.it.http.port");
        assertNotNull(port, "tollgate.it.http.port is set by the pom for failsafe");
        org = "http://localhost:" + port + "/sandbox/okta";
    }

    @Test
    void clientCredentialsTokenVerifiesAgainstTheDiscoveredKeys() throws Exception {
        HttpResponse<String> discovery = get(org + "/oauth2/default/.well-known/openid-configuration", null);
        assertEquals(200, discovery.statusCode());
        JsonObject configuration = json(discovery).asJsonObject();
        String issuer = configuration.getString("issuer");
        assertEquals(org + "/oauth2/default", issuer);
        assertEquals(issuer + "/v1/token", configuration.getString("token_endpoint"));
        assertTrue(configuration.getJsonArray("token_endpoint_auth_methods_supported")
                .contains(Json.createValue("private_key_jwt")));

        String basic = Base64.getEncoder().encodeToString("agent-reader:agent-reader-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> tokenResponse = HTTP.send(HttpRequest.newBuilder(URI.create(configuration.getString("token_endpoint")))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, tokenResponse.statusCode(), tokenResponse.body());
        JsonObject token = json(tokenResponse).asJsonObject();
        assertEquals("Bearer", token.getString("token_type"));
        assertEquals(3600, token.getInt("expires_in"));
        assertEquals("okta.users.read okta.groups.read", token.getString("scope"));

        JWKSet keys = JWKSet.parse(get(configuration.getString("jwks_uri"), null).body());
        SignedJWT jwt = SignedJWT.parse(token.getString("access_token"));
        RSAKey key = keys.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
        assertFalse(key.isPrivate(), "the JWKS publishes public keys only");
        assertTrue(jwt.verify(new RSASSAVerifier(key)));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(issuer, claims.getIssuer());
        assertEquals(List.of("api://default"), claims.getAudience());
        assertEquals("agent-reader", claims.getStringClaim("cid"));
        assertEquals("agent-reader", claims.getSubject());
        assertEquals(List.of("okta.users.read", "okta.groups.read"), claims.getStringListClaim("scp"));
        assertEquals(List.of("agents-readonly"), claims.getStringListClaim("groups"));
        assertEquals(3600, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
        assertTrue(claims.getJWTID().startsWith("AT."));
    }

    @Test
    void wrongClientSecretIsAnOAuthError() throws Exception {
        String basic = Base64.getEncoder().encodeToString("agent-reader:wrong".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(org + "/oauth2/default/v1/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
        assertEquals("invalid_client", json(response).asJsonObject().getString("error"));
    }

    @Test
    void pagesOfUsersFollowTheLinkHeaderUntilExhausted() throws Exception {
        List<String> smallPages = walk(org + "/api/v1/users?limit=37", 37);
        assertTrue(smallPages.size() > 37, "the seeded org spans several pages");
        assertEquals(smallPages.size(), new HashSet<>(smallPages).size(), "no user twice");
        assertEquals(smallPages, walk(org + "/api/v1/users", 200), "the same users whatever the page size");

        String notDeprovisioned = URLEncoder.encode("status lt \"DEPROVISIONED\" or status gt \"DEPROVISIONED\"", StandardCharsets.UTF_8);
        assertEquals(smallPages, walk(org + "/api/v1/users?limit=50&search=" + notDeprovisioned, 50),
                "listing without a search leaves out deprovisioned users, as Okta does");
    }

    @Test
    void createdUserIsFoundByIdAndLoginAndJoinsAGroup() throws Exception {
        String login = "it-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> created = post(org + "/api/v1/users?activate=false", userBody(login));
        assertEquals(200, created.statusCode(), created.body());
        JsonObject user = json(created).asJsonObject();
        assertEquals("STAGED", user.getString("status"));
        assertEquals(JsonValue.NULL, user.get("activated"));
        assertTrue(user.getString("id").matches("00u[0-9A-Za-z]{17}"));
        assertEquals(org + "/api/v1/users/" + user.getString("id"), user.getJsonObject("_links").getJsonObject("self").getString("href"));
        assertEquals(List.of("activate", "self"), List.copyOf(user.getJsonObject("_links").keySet()));

        assertEquals(user, json(get(org + "/api/v1/users/" + user.getString("id"), API_TOKEN)).asJsonObject());
        assertEquals(user, json(get(org + "/api/v1/users/" + URLEncoder.encode(login, StandardCharsets.UTF_8), API_TOKEN)).asJsonObject());

        HttpResponse<String> groupCreated = post(org + "/api/v1/groups",
                "{\"profile\":{\"name\":\"IT group " + UUID.randomUUID() + "\"}}");
        assertEquals(200, groupCreated.statusCode(), groupCreated.body());
        String groupId = json(groupCreated).asJsonObject().getString("id");

        HttpResponse<String> added = send(HttpRequest.newBuilder(URI.create(org + "/api/v1/groups/" + groupId + "/users/" + user.getString("id")))
                .PUT(HttpRequest.BodyPublishers.noBody()), API_TOKEN);
        assertEquals(204, added.statusCode());

        HttpResponse<String> members = get(org + "/api/v1/groups/" + groupId + "/users", API_TOKEN);
        assertEquals(200, members.statusCode());
        assertEquals(List.of("<" + org + "/api/v1/groups/" + groupId + "/users?limit=1000>; rel=\"self\""),
                members.headers().allValues("Link"));
        JsonArray memberList = json(members).asJsonArray();
        assertEquals(1, memberList.size());
        assertEquals(user.getString("id"), memberList.getJsonObject(0).getString("id"));
        assertEquals(List.of("self"), List.copyOf(memberList.getJsonObject(0).getJsonObject("_links").keySet()),
                "users in a list carry only their self link");
    }

    @Test
    void duplicateLoginIsAValidationError() throws Exception {
        String login = "it-dup-" + UUID.randomUUID() + "@example.com";
        assertEquals(200, post(org + "/api/v1/users?activate=false", userBody(login)).statusCode());
        HttpResponse<String> again = post(org + "/api/v1/users", userBody(login.toUpperCase()));
        assertEquals(400, again.statusCode());
        JsonObject error = json(again).asJsonObject();
        assertEquals("E0000001", error.getString("errorCode"));
        assertEquals("Api validation failed: login", error.getString("errorSummary"));
        assertEquals("login: An object with this field already exists in the current organization",
                error.getJsonArray("errorCauses").getJsonObject(0).getString("errorSummary"));
    }

    @Test
    void managementApiRequiresTheApiToken() throws Exception {
        for (String token : new String[]{null, "00Sandbox-Demo-Token-Not-A-Secret-000001"}) {
            HttpResponse<String> response = get(org + "/api/v1/users", token);
            assertEquals(401, response.statusCode());
            JsonObject error = json(response).asJsonObject();
            assertEquals("E0000011", error.getString("errorCode"));
            assertEquals("Invalid token provided", error.getString("errorSummary"));
            assertTrue(error.getString("errorId").matches("oae[A-Za-z0-9_-]{22}"));
        }
    }

    @Test
    void unknownUserIsNotFound() throws Exception {
        HttpResponse<String> response = get(org + "/api/v1/users/00unobody00000000000", API_TOKEN);
        assertEquals(404, response.statusCode());
        JsonObject error = json(response).asJsonObject();
        assertEquals("E0000007", error.getString("errorCode"));
        assertEquals("Not found: Resource not found: 00unobody00000000000 (User)", error.getString("errorSummary"));
    }

    @Test
    void answersValidateAgainstOktasSchemasAndKeepTheRecordedShape() throws Exception {
        OktaReference reference = OktaReference.require();
        JsonArray users = json(get(org + "/api/v1/users?limit=5", API_TOKEN)).asJsonArray();
        assertEquals(List.of(), reference.violations("User", users.getJsonObject(0)));
        JsonObject user = json(get(org + "/api/v1/users/" + users.getJsonObject(0).getString("id"), API_TOKEN)).asJsonObject();
        assertEquals(List.of(), reference.violations("User", user));
        JsonArray groups = json(get(org + "/api/v1/groups?limit=3", API_TOKEN)).asJsonArray();
        for (JsonValue group : groups) {
            assertEquals(List.of(), reference.violations("Group", group.asJsonObject()));
        }

        JsonObject recordedUser = reference.recordedUser();
        assertEquals(List.copyOf(recordedUser.keySet()), List.copyOf(user.keySet()), "user fields in Okta's order");
        assertEquals(List.copyOf(recordedUser.getJsonObject("credentials").getJsonObject("provider").keySet()),
                List.copyOf(user.getJsonObject("credentials").getJsonObject("provider").keySet()));
        JsonObject recordedGroup = reference.recordedGroup();
        assertEquals(List.copyOf(recordedGroup.keySet()), List.copyOf(groups.getJsonObject(0).keySet()), "group fields in Okta's order");
        assertEquals(List.copyOf(recordedGroup.getJsonObject("_links").keySet()),
                List.copyOf(groups.getJsonObject(0).getJsonObject("_links").keySet()));
    }

    /** Follows rel="next" from {@code first}; answers the ids in order, checking each page and its links. */
    private static List<String> walk(String first, int limit) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        Optional<String> next = Optional.of(first);
        while (next.isPresent()) {
            HttpResponse<String> page = get(next.get(), API_TOKEN);
            assertEquals(200, page.statusCode(), page.body());
            JsonArray users = json(page).asJsonArray();
            assertTrue(users.size() <= limit);
            users.forEach(user -> ids.add(user.asJsonObject().getString("id")));
            next = Optional.empty();
            boolean self = false;
            for (String header : page.headers().allValues("Link")) {
                Matcher link = LINK.matcher(header);
                assertTrue(link.matches(), header);
                assertTrue(link.group(1).startsWith(org + "/api/v1/users?"), "absolute links on the org the caller reached");
                self |= link.group(2).equals("self");
                if (link.group(2).equals("next")) {
                    assertEquals(limit, users.size(), "only the last page may be short");
                    next = Optional.of(link.group(1));
                }
            }
            assertTrue(self, "every page links to itself");
        }
        return ids;
    }

    private static String userBody(String login) {
        return Json.createObjectBuilder()
                .add("profile", Json.createObjectBuilder()
                        .add("firstName", "Ida").add("lastName", "Tester").add("email", login).add("login", login))
                .add("credentials", Json.createObjectBuilder()
                        .add("password", Json.createObjectBuilder().add("value", "Abcd1234!")))
                .build().toString();
    }

    private static HttpResponse<String> get(String url, String apiToken) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), apiToken);
    }

    private static HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), API_TOKEN);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String apiToken) throws IOException, InterruptedException {
        request.header("Accept", "application/json");
        if (apiToken != null) {
            request.header("Authorization", "SSWS " + apiToken);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonValue json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readValue();
    }
}
