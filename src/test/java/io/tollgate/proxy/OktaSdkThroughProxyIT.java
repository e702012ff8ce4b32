package io.tollgate.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.client.Clients;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.common.PagedList;
import com.okta.sdk.resource.model.Group;
import com.okta.sdk.resource.model.User;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.TollgateApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 2, acceptance 1: the official Okta Java SDK, given only the proxied Okta URL and the
 * agent's own token, works through Tollgate against the sandbox org, and every exchange is recorded.
 */
class OktaSdkThroughProxyIT {

    private static final String READ_SCOPES = "okta.users.read okta.groups.read";
    private static final String SANDBOX_API_TOKEN = "00Sandbox-Demo-Token-Not-A-Secret-000000";
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final int PAGE_SIZE = 100;

    @BeforeAll
    static void allowPlainHttpToTheTestServer() {
        System.setProperty("okta.testing.disableHttpsCheck", "true");
    }

    private static ApiClient sdkWithToken(String token) {
        return Clients.builder()
                .setOrgUrl(ItSettings.proxiedBase("okta"))
                .setClientCredentials(new TokenClientCredentials(token))
                .build();
    }

    @Test
    void listsEveryUserAcrossPagesFollowingRewrittenLinksAndEveryPageIsRecorded() throws ApiException {
        String token = TestTokens.fromSandbox("agent-reader", "agent-reader-secret", READ_SCOPES);
        UserApi users = new UserApi(sdkWithToken(token));

        List<String> proxiedIds = new ArrayList<>();
        int pages = 0;
        String after = null;
        PagedList<User> page;
        do {
            page = (PagedList<User>) users.listUsers(null, null, after, PAGE_SIZE, null, null, null, null);
            pages++;
            page.forEach(user -> proxiedIds.add(user.getId()));
            if (page.hasMoreItems()) {
                assertTrue(page.getNextPage().startsWith(ItSettings.proxiedBase("okta") + "/api/v1/users?"),
                        "the next link points back through Tollgate: " + page.getNextPage());
            }
            after = page.getAfter();
        } while (page.hasMoreItems());

        assertTrue(pages >= 3, "at least three pages, got " + pages);
        assertEquals(new HashSet<>(proxiedIds).size(), proxiedIds.size(), "no user twice");
        assertEquals(idsListedDirectlyFromTheSandbox(), Set.copyOf(proxiedIds));

        JsonNode session = sessionOf(token);
        assertEquals("agent-reader", session.path("subject").asText());
        assertEquals("agent-reader", session.path("clientId").asText());
        JsonNode exchanges = session.path("exchanges");
        assertEquals(pages, exchanges.size(), "one record per proxied page");
        for (JsonNode exchange : exchanges) {
            assertEquals("GET", exchange.path("method").asText());
            assertEquals("/api/v1/users", exchange.path("path").asText());
            assertEquals("forwarded", exchange.path("outcome").asText());
            assertEquals("listUsers", exchange.path("operationId").asText());
            assertEquals("directory-reads", exchange.path("rule").asText());
            assertEquals(200, exchange.path("upstreamStatus").asInt());
            assertTrue(exchange.path("durationMillis").isNumber());
        }
    }

    @Test
    void readsAGroupThroughTheProxy() throws ApiException {
        GroupApi groups = new GroupApi(sdkWithToken(TestTokens.fromSandbox("agent-reader", "agent-reader-secret", READ_SCOPES)));
        List<Group> listed = groups.listGroups(null, null, null, 10, null, null, null, null);
        Group first = listed.get(0);

        Group read = groups.getGroup(first.getId());

        assertEquals(first.getId(), read.getId());
        assertEquals(first.getProfile().getName(), read.getProfile().getName());
    }

    @Test
    void anAgentNoRuleAllowsGetsTheSdksOwnExceptionWithTollgatesErrorAndTheRefusalIsRecorded() {
        String token = TestTokens.fromSandbox("approver-1", "approver-1-secret", READ_SCOPES);
        UserApi users = new UserApi(sdkWithToken(token));

        ApiException refused = assertThrows(ApiException.class,
                () -> users.listUsers(null, null, null, PAGE_SIZE, null, null, null, null));

        assertEquals(403, refused.getCode());
        JsonNode error = Json.read(refused.getResponseBody());
        assertEquals("TG0000001", error.path("errorCode").asText());
        assertTrue(error.path("errorCauses").get(0).path("errorSummary").asText().startsWith("no rule allows"),
                error::toString);
        JsonNode exchanges = sessionOf(token).path("exchanges");
        assertEquals(1, exchanges.size());
        assertEquals("deny", exchanges.get(0).path("outcome").asText());
        assertEquals("listUsers", exchanges.get(0).path("operationId").asText());
        assertEquals(403, exchanges.get(0).path("status").asInt());
        assertFalse(exchanges.get(0).hasNonNull("upstreamStatus"), "nothing went upstream");
    }

    private static Set<String> idsListedDirectlyFromTheSandbox() {
        Set<String> ids = new HashSet<>();
        String next = "http://localhost:" + ItSettings.httpPort() + "/sandbox/okta/api/v1/users?limit=200";
        while (next != null) {
            HttpResponse<String> response = Agent.send(HttpRequest.newBuilder(URI.create(next))
                    .header("Authorization", "SSWS " + SANDBOX_API_TOKEN).header("Accept", "application/json").GET());
            assertEquals(200, response.statusCode());
            Json.read(response.body()).forEach(user -> ids.add(user.path("id").asText()));
            next = response.headers().allValues("Link").stream()
                    .map(NEXT_LINK::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst().orElse(null);
        }
        return ids;
    }

    /** The recorded session of the agent's token, found by the token's id through the operators' API. */
    private static JsonNode sessionOf(String token) {
        String tokenId = Json.read(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("jti").asText();
        String admin = TollgateApiClient.adminToken();
        HttpResponse<String> sessions = TollgateApiClient.get("sessions?limit=1000", admin);
        assertEquals(200, sessions.statusCode(), sessions.body());
        for (JsonNode summary : Json.read(sessions.body())) {
            if (tokenId.equals(summary.path("tokenId").asText())) {
                HttpResponse<String> session = TollgateApiClient.get("sessions/" + summary.path("id").asText(), admin);
                assertEquals(200, session.statusCode(), session.body());
                return Json.read(session.body());
            }
        }
        throw new AssertionError("no recorded session for token id " + tokenId);
    }
}
