package io.tollgate.credential;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.TollgateApiClient;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the credential tests set up: service apps registered in the sandbox org (through its Apps
 * API, with a public JWKS and granted scopes), connections and policies stored through Tollgate's
 * API, and the sandbox's System Log of the tokens its org authorization server issued.
 */
final class CredentialFixtures {

    static final String SANDBOX_API_TOKEN = "00Sandbox-Demo-Token-Not-A-Secret-000000";
    static final String TOKEN_GRANTED = "app.oauth2.as.token.grant.access_token";

    private CredentialFixtures() {
    }

    /** A service app of the sandbox org, and the private key Tollgate signs its assertions with. */
    record ServiceApp(String clientId, RSAKey key) {

        String privateKeyPem() {
            try {
                return ServiceAppKeyTest.pem("PRIVATE KEY", key.toPrivateKey().getEncoded());
            } catch (com.nimbusds.jose.JOSEException e) {
                throw new AssertionError(e);
            }
        }
    }

    static String org() {
        return "http://localhost:" + ItSettings.httpPort() + "/sandbox/okta";
    }

    static ServiceApp serviceApp(String... scopes) {
        RSAKey key;
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new AssertionError(e);
        }
        String jwks = "{\"keys\":[" + key.toPublicJWK().toJSONString() + "]}";
        HttpResponse<String> app = sandbox("POST", "/api/v1/apps", "{\"name\":\"oidc_client\",\"label\":\"Tollgate credential IT "
                + UUID.randomUUID() + "\",\"signOnMode\":\"OPENID_CONNECT\",\"credentials\":{\"oauthClient\":"
                + "{\"token_endpoint_auth_method\":\"private_key_jwt\"}},\"settings\":{\"oauthClient\":{\"grant_types\":"
                + "[\"client_credentials\"],\"response_types\":[\"token\"],\"application_type\":\"service\",\"jwks\":" + jwks + "}}}");
        assertEquals(200, app.statusCode(), app::body);
        JsonNode created = Json.read(app.body());
        for (String scope : scopes) {
            HttpResponse<String> grant = sandbox("POST", "/api/v1/apps/" + created.path("id").asText() + "/grants",
                    "{\"issuer\":\"" + org() + "\",\"scopeId\":\"" + scope + "\"}");
            assertEquals(201, grant.statusCode(), grant::body);
        }
        return new ServiceApp(created.path("credentials").path("oauthClient").path("client_id").asText(), key);
    }

    /** The connection JSON for a service app, as {@code PUT /api/connections/{name}} takes it. */
    static String serviceAppConnection(String url, String kind, ServiceApp app, String tokenUrl, String... scopes) {
        return "{\"url\":\"" + url + "\",\"kind\":\"" + kind + "\",\"credential\":{\"type\":\"service-app\",\"clientId\":\""
                + app.clientId() + "\",\"privateKey\":" + Json.write(app.privateKeyPem())
                + (tokenUrl == null ? "" : ",\"tokenUrl\":\"" + tokenUrl + "\"")
                + ",\"scopes\":" + Json.write(List.of(scopes)) + "}}";
    }

    static HttpResponse<String> putConnection(String name, String json) {
        return TollgateApiClient.send("PUT", "connections/" + name, TollgateApiClient.adminToken(), "application/json", json);
    }

    static void putPolicy(String name, String yaml) {
        HttpResponse<String> policy = TollgateApiClient.send("PUT", "connections/" + name + "/policy", TollgateApiClient.adminToken(),
                "application/yaml", yaml);
        assertEquals(200, policy.statusCode(), policy::body);
    }

    /** Stores a connection and its policy; fails the test unless both are accepted. */
    static void connection(String name, String json, String policyYaml) {
        HttpResponse<String> stored = putConnection(name, json);
        assertEquals(true, stored.statusCode() == 200 || stored.statusCode() == 201, stored::body);
        putPolicy(name, policyYaml);
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * The tokens the sandbox issued to this client since the given instant, oldest first. The IT
     * server keeps the System Log's rate limit low; an answer 429 is waited out as an Okta client would.
     */
    static List<JsonNode> tokensIssuedTo(String clientId, Instant since) {
        String filter = URLEncoder.encode("eventType eq \"" + TOKEN_GRANTED + "\" and actor.id eq \"" + clientId + "\"",
                StandardCharsets.UTF_8);
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            answer.set(sandbox("GET", "/api/v1/logs?since=" + since + "&limit=1000&filter=" + filter, null));
            return answer.get().statusCode() != 429;
        });
        assertEquals(200, answer.get().statusCode(), answer.get()::body);
        List<JsonNode> events = new ArrayList<>();
        Json.read(answer.get().body()).forEach(events::add);
        return events;
    }

    static String requestedScopes(JsonNode event) {
        return event.path("debugContext").path("debugData").path("requestedScopes").asText();
    }

    static HttpResponse<String> sandbox(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(org() + path))
                .header("Accept", "application/json")
                .header("Authorization", "SSWS " + SANDBOX_API_TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return Agent.send(request);
    }

    static Map<String, String> headersOf(HttpResponse<?> response, String... names) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (String name : names) {
            response.headers().firstValue(name).ifPresent(value -> headers.put(name, value));
        }
        return headers;
    }
}
