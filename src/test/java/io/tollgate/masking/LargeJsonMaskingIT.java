package io.tollgate.masking;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.UpstreamStub;
import io.tollgate.testsupport.UpstreamStubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance 2 of issue 6: a JSON list of users larger than the integration-test server's whole
 * heap, every user carrying secrets of Okta's default set and every tenth a credential-shaped
 * string in free text, streams through an okta connection masked: each secret replaced, every
 * other value (numbers included) intact. Nobody holds the list: the stub writes it as it goes and
 * this side parses it as a stream.
 */
@ExtendWith(UpstreamStubExtension.class)
class LargeJsonMaskingIT {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwMHUxIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    private static final String REDACTED = "[REDACTED]";

    private final long largerThanHeap = ItSettings.serverMaxHeapMb() * 3L / 2 * 1024 * 1024;
    private final String token = TestTokens.agent("agents-provisioning").mint();

    @Test
    void userListLargerThanHeapArrivesMasked(UpstreamStub stub) throws IOException {
        long users = largerThanHeap / shortestUser().length + 1;
        stub.respondWith((request, reply) -> reply
                .header("Content-Type", "application/json")
                .stream(200, null, out -> writeUsers(out, users)));

        HttpResponse<InputStream> response = Agent.stream(Agent.to("okta-stub", "/api/v1/users?limit=200", token).GET());
        assertEquals(200, response.statusCode());

        long received = 0;
        long maskedSecrets = 0;
        long maskedJwts = 0;
        try (InputStream body = response.body(); JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            assertEquals(JsonToken.START_ARRAY, parser.nextToken());
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode user = Json.MAPPER.readTree(parser);
                long index = received;
                assertAll("user " + index,
                        () -> assertEquals(userId(index), user.path("id").asText()),
                        () -> assertEquals(index, user.path("seq").asLong(), "numbers pass"),
                        () -> assertEquals("Zoë 日本 " + index, user.at("/profile/firstName").asText(), "unicode passes"),
                        () -> assertEquals(REDACTED, user.at("/credentials/password/value").asText()),
                        () -> assertEquals(REDACTED, user.at("/credentials/recovery_question/answer").asText()),
                        () -> assertEquals("Best player?", user.at("/credentials/recovery_question/question").asText()),
                        () -> assertEquals(REDACTED, user.path("activationToken").asText()),
                        () -> assertEquals(index % 10 == 0 ? "rotated " + REDACTED + " today" : "nothing to see",
                                user.at("/profile/notes").asText()));
                maskedSecrets += (REDACTED.equals(user.at("/credentials/password/value").asText()) ? 1 : 0)
                        + (REDACTED.equals(user.at("/credentials/recovery_question/answer").asText()) ? 1 : 0)
                        + (REDACTED.equals(user.path("activationToken").asText()) ? 1 : 0);
                maskedJwts += user.at("/profile/notes").asText().contains(REDACTED) ? 1 : 0;
                received++;
            }
            assertEquals(JsonToken.END_ARRAY, parser.currentToken());
            assertTrue(parser.nextToken() == null, "nothing after the list");
        }
        assertEquals(users, received, "users received");
        assertEquals(3 * users, maskedSecrets, "secrets masked");
        assertEquals((users + 9) / 10, maskedJwts, "JWTs masked");
        assertTrue(users * shortestUser().length > largerThanHeap, "the list must be larger than the server's heap");
    }

    private static void writeUsers(OutputStream target, long users) throws IOException {
        OutputStream out = new BufferedOutputStream(target, 64 * 1024);
        out.write('[');
        for (long i = 0; i < users; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(user(i));
        }
        out.write(']');
        out.flush();
    }

    private static String userId(long index) {
        return String.format("00u%017d", index);
    }

    /** Different for every user, so that no value could pass for another's. */
    private static String secret(long index) {
        return String.format("S3cr3t-%012d", index);
    }

    /** No user is shorter than the second (a one-digit index and no JWT), so the list's least size is known up front. */
    private static byte[] shortestUser() {
        return user(1);
    }

    /** A user with secrets of the default set, and every tenth a JWT in free text. */
    private static byte[] user(long index) {
        String id = userId(index);
        String notes = index % 10 == 0 ? "rotated " + JWT + " today" : "nothing to see";
        return ("{\"id\":\"" + id + "\",\"seq\":" + index
                + ",\"status\":\"STAGED\",\"activationToken\":\"" + secret(index) + "\","
                + "\"profile\":{\"login\":\"" + id + "@example.com\",\"firstName\":\"Zoë 日本 " + index + "\","
                + "\"notes\":\"" + notes + "\"},"
                + "\"credentials\":{\"password\":{\"value\":\"" + secret(index) + "\"},"
                + "\"recovery_question\":{\"question\":\"Best player?\",\"answer\":\"" + secret(index) + "\"}}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
