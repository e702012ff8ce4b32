package io.tollgate.masking;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.OktaErrors;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.UpstreamStub;
import io.tollgate.testsupport.UpstreamStubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connection's own masking document ({@code src/test/masking/stub.yaml}) is in force through the
 * proxy: tokens stay stable from one exchange to the next, text bodies are scanned, and bodies of
 * a blocked type never reach the agent.
 */
@ExtendWith(UpstreamStubExtension.class)
class MaskingConfigurationIT {

    private final String token = TestTokens.agent("agents-provisioning").mint();

    @Test
    void tokensAreStableAcrossExchanges(UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, "application/json",
                "{\"maskingProbe\":{\"secret\":\"" + request.rawQuery() + "\",\"kept\":1.50}}"));

        HttpResponse<String> firstResponse = Agent.send(Agent.to("stub", "/probe?value-a", token).GET());
        JsonNode first = Json.read(firstResponse.body());
        JsonNode again = Json.read(Agent.send(Agent.to("stub", "/probe?value-a", token).GET()).body());
        JsonNode other = Json.read(Agent.send(Agent.to("stub", "/probe?value-b", token).GET()).body());

        String tokenA = first.at("/maskingProbe/secret").asText();
        assertTrue(tokenA.matches("tok_[A-Z2-7]{16}"), tokenA);
        assertEquals(tokenA, again.at("/maskingProbe/secret").asText());
        assertNotEquals(tokenA, other.at("/maskingProbe/secret").asText());
        assertTrue(firstResponse.body().contains("\"kept\":1.50"), firstResponse.body());
    }

    @Test
    void textBodiesAreScanned(UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, "text/plain; charset=utf-8", "ids: TG-PROBE-123456, TG-PROBE-987654."));

        HttpResponse<String> response = Agent.send(Agent.to("stub", "/report.txt", token).GET());

        assertEquals(200, response.statusCode());
        assertEquals("ids: ****3456, ****7654.", response.body());
    }

    @Test
    void blockedBodiesAreReplacedByAnOktaError(UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, "application/vnd.tollgate.blocked", "TG-PROBE-123456"));

        HttpResponse<String> response = Agent.send(Agent.to("stub", "/blocked", token).GET());

        OktaErrors.assertOktaError(502, "E0000009", response);
        assertFalse(response.body().contains("TG-PROBE"), response.body());
    }
}
