package io.tollgate.credential;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.TollgateApiClient;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7: {@code PUT /api/connections/{name}} stores a connection for operators only, and no
 * answer of the connections API (nor the audit trail) ever holds the upstream secret.
 */
class ConnectionsApiIT {

    private static final String API_TOKEN = "00Api-Token-That-Must-Never-Come-Back-" + java.util.UUID.randomUUID();

    @Test
    void aStoredApiTokenIsNeverReturned() {
        String name = CredentialFixtures.uniqueName("cred-api");
        HttpResponse<String> created = CredentialFixtures.putConnection(name,
                "{\"url\":\"https://example.okta.com/\",\"credential\":{\"type\":\"api-token\",\"token\":\"" + API_TOKEN + "\"}}");
        assertEquals(201, created.statusCode(), created::body);
        HttpResponse<String> replaced = CredentialFixtures.putConnection(name,
                "{\"url\":\"https://example.okta.com\",\"kind\":\"okta\",\"responseTimeout\":\"PT10S\","
                        + "\"credential\":{\"type\":\"api-token\",\"token\":\"" + API_TOKEN + "\"}}");
        assertEquals(200, replaced.statusCode(), replaced::body);

        String admin = TollgateApiClient.adminToken();
        HttpResponse<String> read = TollgateApiClient.get("connections/" + name, admin);
        HttpResponse<String> list = TollgateApiClient.get("connections", admin);
        HttpResponse<String> audit = TollgateApiClient.get("audit-events?target=connection:" + name, admin);
        for (HttpResponse<String> answer : java.util.List.of(created, replaced, read, list, audit)) {
            assertEquals(true, answer.statusCode() < 300, answer::body);
            assertFalse(answer.body().contains(API_TOKEN), "the token never comes back: " + answer.uri());
        }
        JsonNode connection = Json.read(read.body());
        assertEquals("https://example.okta.com", connection.path("url").asText());
        assertEquals("PT10S", connection.path("responseTimeout").asText(), "the replacement is what is read back");
        assertEquals("api-token", connection.path("credential").path("type").asText());
        assertEquals("api", connection.path("source").asText());
        assertFalse(connection.path("vaultKeyId").asText().isEmpty());
        assertEquals(2, Json.read(audit.body()).size(), "created, then replaced: " + audit.body());

        JsonNode configured = null;
        for (JsonNode each : Json.read(list.body())) {
            if (each.path("name").asText().equals("okta")) {
                configured = each;
            }
        }
        assertEquals("configuration", configured.path("source").asText());
        assertFalse(list.body().contains(CredentialFixtures.SANDBOX_API_TOKEN), "configured tokens do not come back either");
    }

    @Test
    void aServiceAppsPrivateKeyIsNeverReturned() throws Exception {
        CredentialFixtures.ServiceApp app = CredentialFixtures.serviceApp("okta.users.read");
        String name = CredentialFixtures.uniqueName("cred-app");
        HttpResponse<String> created = CredentialFixtures.putConnection(name,
                CredentialFixtures.serviceAppConnection(CredentialFixtures.org(), "okta", app, null, "okta.users.read"));
        assertEquals(201, created.statusCode(), created::body);

        HttpResponse<String> read = TollgateApiClient.get("connections/" + name, TollgateApiClient.adminToken());
        String pemBody = app.privateKeyPem().split("\n")[1];
        String privateExponent = app.key().getPrivateExponent().toString();
        for (HttpResponse<String> answer : java.util.List.of(created, read)) {
            assertFalse(answer.body().contains(pemBody));
            assertFalse(answer.body().contains(privateExponent));
            assertFalse(answer.body().contains(Base64.getEncoder().encodeToString(app.key().toPrivateKey().getEncoded()).substring(0, 40)));
        }
        JsonNode credential = Json.read(read.body()).path("credential");
        assertEquals("service-app", credential.path("type").asText());
        assertEquals(app.clientId(), credential.path("clientId").asText());
        assertEquals(CredentialFixtures.org() + "/oauth2/v1/token", credential.path("tokenUrl").asText());
        assertEquals("RS256", credential.path("keyAlgorithm").asText());
        assertEquals("okta.users.read", credential.path("scopes").get(0).asText());
    }

    @Test
    void onlyOperatorsManageConnectionsAndBadInputIsRefusedWithoutEchoingTheSecret() {
        String name = CredentialFixtures.uniqueName("cred-refused");
        String agent = TestTokens.agent("agents-provisioning").mint();
        String body = "{\"url\":\"https://example.okta.com\",\"credential\":{\"type\":\"api-token\",\"token\":\"" + API_TOKEN + "\"}}";
        assertEquals(403, TollgateApiClient.send("PUT", "connections/" + name, agent, "application/json", body).statusCode());
        assertEquals(403, TollgateApiClient.get("connections", agent).statusCode());

        HttpResponse<String> badUrl = CredentialFixtures.putConnection(name,
                "{\"url\":\"ftp://example.okta.com\",\"credential\":{\"type\":\"api-token\",\"token\":\"" + API_TOKEN + "\"}}");
        assertEquals(400, badUrl.statusCode());
        assertTrue(badUrl.body().contains("url"), badUrl.body());
        assertFalse(badUrl.body().contains(API_TOKEN));
        HttpResponse<String> badKey = CredentialFixtures.putConnection(name, "{\"url\":\"https://example.okta.com\",\"credential\":"
                + "{\"type\":\"service-app\",\"clientId\":\"0oa1\",\"privateKey\":\"-----BEGIN PRIVATE KEY-----\\nAAAA" + API_TOKEN
                + "\\n-----END PRIVATE KEY-----\",\"scopes\":[\"okta.users.read\"]}}");
        assertEquals(400, badKey.statusCode());
        assertFalse(badKey.body().contains(API_TOKEN));
        assertEquals(400, CredentialFixtures.putConnection("Bad_Name", body).statusCode());
        assertEquals(404, TollgateApiClient.get("connections/" + name, TollgateApiClient.adminToken()).statusCode());
    }
}
