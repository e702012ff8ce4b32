package io.tollgate.policy;

import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.UpstreamStub;
import io.tollgate.testsupport.UpstreamStubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.List;

import static io.tollgate.testsupport.OktaErrors.assertOktaError;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An {@code http} connection's policy, loaded from the policy directory at start
 * ({@code src/test/policies/stub.yaml}: every path for agents-readonly and agents-provisioning):
 * everyone else, however well authenticated, gets 403 with Tollgate's error code and the upstream
 * hears nothing.
 */
@ExtendWith(UpstreamStubExtension.class)
class HttpConnectionPolicyIT {

    @ParameterizedTest(name = "groups {0}")
    @ValueSource(strings = {"agents-readonly", "agents-provisioning"})
    void letsAllowedGroupsThrough(String group, UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, "application/json", "[]"));

        HttpResponse<String> response = Agent.send(Agent.to("stub", "/api/v1/users", TestTokens.agent("other", group).mint()).GET());

        assertEquals(200, response.statusCode(), response::body);
        assertEquals(1, stub.upstreamRequests().size());
    }

    @ParameterizedTest(name = "groups {0}")
    @ValueSource(strings = {"tollgate-approvers", "", "agents-readonly-extra"})
    void refusesOtherGroupsWith403(String groups, UpstreamStub stub) {
        String[] memberOf = groups.isEmpty() ? new String[0] : new String[] {groups};

        HttpResponse<String> response = Agent.send(Agent.to("stub", "/api/v1/users", TestTokens.agent(memberOf).mint()).GET());

        assertOktaError(403, "TG0000001", response);
        assertEquals(List.of(), stub.upstreamRequests(), "requests that reached the upstream");
    }

    /** approver-1 is a real sandbox client, but in tollgate-approvers only, which no rule names. */
    @Test
    void refusesSandboxClientNoRuleAllows(UpstreamStub stub) {
        String token = TestTokens.fromSandbox("approver-1", "approver-1-secret", "okta.users.read");

        HttpResponse<String> response = Agent.send(Agent.to("stub", "/api/v1/users", token).GET());

        assertOktaError(403, "TG0000001", response);
        assertEquals(List.of(), stub.upstreamRequests(), "requests that reached the upstream");
    }
}
