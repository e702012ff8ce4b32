package io.tollgate.credential;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.policy.TollgateErrorCodes;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.OktaErrors;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.TollgateApiClient;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 7, acceptance 1: a connection to the sandbox org authenticates as an OAuth 2.0 service app
 * (private_key_jwt, DPoP required by the org authorization server), stored through
 * {@code PUT /api/connections/{name}}. A grant for {@code okta.users.read} makes Tollgate fetch a
 * token with exactly that scope (the sandbox's System Log records what was requested), a write under
 * that grant is refused by policy before any upstream call, and a request allowed outright gets a
 * token with its operation's scope only.
 */
class ServiceAppGrantIT {

    static final String POLICY = """
            version: 1
            description: Service app credential tests against the sandbox org.
            rules:
              - name: user-reads-under-grant
                when:
                  identity: { groups: [agents-provisioning] }
                  request: { operations: [listUsers, getUser] }
                decision: grant
                reason: Reading users needs a grant.
                approval: { approvals: 0, maxDuration: PT15M }
              - name: user-writes-under-grant
                when:
                  identity: { groups: [agents-provisioning] }
                  request: { operations: [createUser] }
                decision: grant
                reason: Creating users needs a grant.
                approval: { approvals: 0, maxDuration: PT15M }
              - name: group-reads
                when:
                  identity: { groups: [agents-provisioning] }
                  request: { operations: [listGroups] }
                decision: allow
                reason: Agents may list groups.
            """;

    @Test
    void aGrantForUsersReadFetchesATokenWithExactlyThatScopeAndAWriteIsRefusedBeforeTheUpstream() {
        Instant start = Instant.now().minusSeconds(1);
        CredentialFixtures.ServiceApp app = CredentialFixtures.serviceApp("okta.users.read", "okta.users.manage", "okta.groups.read");
        String connection = CredentialFixtures.uniqueName("cred-okta");
        CredentialFixtures.connection(connection, CredentialFixtures.serviceAppConnection(CredentialFixtures.org(), "okta", app, null,
                "okta.users.read"), POLICY);
        String agent = TestTokens.agent("agents-provisioning").subject("cred-agent-" + UUID.randomUUID()).mint();

        OktaErrors.assertOktaError(403, TollgateErrorCodes.GRANT_REQUIRED, listUsers(connection, agent));
        HttpResponse<String> asked = TollgateApiClient.send("POST", "access-requests", agent, "application/json",
                "{\"connection\":\"" + connection + "\",\"scopes\":[\"okta.users.read\"],\"duration\":\"PT10M\",\"reason\":\"read users\"}");
        assertEquals(201, asked.statusCode(), asked::body);
        assertEquals("APPROVED", Json.read(asked.body()).path("status").asText(), asked.body());

        HttpResponse<String> users = listUsers(connection, agent);
        assertEquals(200, users.statusCode(), users::body);
        assertEquals(2, Json.read(users.body()).size());

        String login = "cred-write-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> write = Agent.send(Agent.to(connection, "/api/v1/users?activate=false", agent)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"profile\":{\"firstName\":\"Cred\",\"lastName\":\"Write\",\"email\":\""
                        + login + "\",\"login\":\"" + login + "\"}}")));
        OktaErrors.assertOktaError(403, TollgateErrorCodes.GRANT_REQUIRED, write);

        HttpResponse<String> groups = Agent.send(Agent.to(connection, "/api/v1/groups?limit=1", agent).GET());
        assertEquals(200, groups.statusCode(), groups::body);

        List<JsonNode> tokens = CredentialFixtures.tokensIssuedTo(app.clientId(), start);
        assertEquals(List.of("okta.users.read", "okta.groups.read"), tokens.stream().map(CredentialFixtures::requestedScopes).toList(),
                "one token with the grant's scope, one with the outright-allowed operation's scope, none for the refused write");
        assertEquals("okta.users.read", tokens.get(0).path("debugContext").path("debugData").path("grantedScopes").asText());
        HttpResponse<String> created = CredentialFixtures.sandbox("GET", "/api/v1/users?search="
                + URLEncoder.encode("profile.login eq \"" + login + "\"", StandardCharsets.UTF_8), null);
        assertEquals("[]", created.body().strip(), "the refused write never reached the org");
    }

    private static HttpResponse<String> listUsers(String connection, String agent) {
        return Agent.send(Agent.to(connection, "/api/v1/users?limit=2", agent).GET());
    }
}
