package io.tollgate.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.client.Clients;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.model.UpdateUserRequest;
import com.okta.sdk.resource.model.User;
import com.okta.sdk.resource.model.UserProfile;
import io.tollgate.policy.TollgateErrorCodes;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.OktaErrors;
import io.tollgate.testsupport.TollgateApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static io.tollgate.access.AccessApi.JSON;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5: a proxied request that policy says a person must approve (okta-lab: profile updates)
 * becomes a pending access request bound to that exact request. Approved, the identical request
 * passes once; held with {@code Prefer: wait}, an unmodified Okta SDK call simply returns once it is
 * approved, and raises Tollgate's error when it is denied.
 */
class HeldRequestIT {

    private static String agent;
    private static String userId;

    @BeforeAll
    static void aUserToUpdate() {
        System.setProperty("okta.testing.disableHttpsCheck", "true");
        agent = AccessApi.provisioner();
        userId = Json.read(Agent.send(Agent.to("okta-lab", "/api/v1/users?limit=1", agent).GET()).body()).get(0).path("id").asText();
    }

    private static ApiClient sdkWaiting(int seconds) {
        ApiClient client = Clients.builder()
                .setOrgUrl(ItSettings.proxiedBase("okta-lab"))
                .setClientCredentials(new TokenClientCredentials(agent))
                .build();
        return client.addDefaultHeader("Prefer", "wait=" + seconds);
    }

    private static UpdateUserRequest titled(String title) {
        return new UpdateUserRequest().profile(new UserProfile().title(title));
    }

    /** The pending request held for this agent's update of the user, as an approver finds it. */
    private static String heldRequestFor(String bodyMarker) {
        String approver = AccessApi.approver(1);
        String[] found = new String[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode request : Json.read(TollgateApiClient.get("access-requests?status=PENDING&connection=okta-lab", approver).body())) {
                if (request.path("request").path("path").asText().equals("/api/v1/users/" + userId)
                        && request.path("reason").asText().contains(bodyMarker)) {
                    found[0] = request.path("id").asText();
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    @Test
    void aRefusedRequestNamesItsAccessRequestAndPassesOnceWhenApproved() {
        String title = "Approved once " + UUID.randomUUID();
        String body = "{\"profile\":{\"title\":\"" + title + "\"}}";
        HttpRequest.Builder update = Agent.to("okta-lab", "/api/v1/users/" + userId, agent)
                .header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofString(body));

        HttpResponse<String> refused = Agent.send(update);
        JsonNode error = OktaErrors.assertOktaError(403, TollgateErrorCodes.APPROVAL_REQUIRED, refused);
        String location = refused.headers().firstValue("Tollgate-Access-Request").orElseThrow();
        assertTrue(error.toString().contains(location));
        assertEquals(location, Json.read(Agent.send(update).body()).path("errorCauses").get(2).path("errorSummary").asText()
                .replace("access request: ", ""), "asking again finds the same pending request");
        String id = location.substring(location.lastIndexOf('/') + 1);

        HttpResponse<String> differentBody = Agent.send(Agent.to("okta-lab", "/api/v1/users/" + userId, agent)
                .header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofString(body.replace("Approved", "Other"))));
        assertTrue(!differentBody.headers().firstValue("Tollgate-Access-Request").orElseThrow().equals(location),
                "another body is another request");

        assertEquals(200, AccessApi.decide(AccessApi.approver(1), id, "approve").statusCode());
        HttpResponse<String> passed = Agent.send(update);
        assertEquals(200, passed.statusCode(), passed::body);
        assertEquals(title, Json.read(passed.body()).path("profile").path("title").asText());
        OktaErrors.assertOktaError(403, TollgateErrorCodes.APPROVAL_REQUIRED, Agent.send(update));
    }

    @Test
    void anSdkCallHeldWithPreferWaitReturnsNormallyOnceApproved() throws Exception {
        String title = "Held and approved " + UUID.randomUUID();
        UserApi users = new UserApi(sdkWaiting(30));

        CompletableFuture<User> call = CompletableFuture.supplyAsync(() -> {
            try {
                return users.updateUser(userId, titled(title), null);
            } catch (ApiException e) {
                throw new IllegalStateException(e.getCode() + " " + e.getResponseBody(), e);
            }
        });
        String id = heldRequestFor("POST /api/v1/users/" + userId);
        assertEquals(200, AccessApi.decide(AccessApi.approver(2), id, "approve").statusCode());

        assertEquals(title, call.get().getProfile().getTitle());
    }

    @Test
    void anSdkCallHeldWithPreferWaitRaisesTollgatesErrorWhenDenied() {
        UserApi users = new UserApi(sdkWaiting(30));

        CompletableFuture<User> call = CompletableFuture.supplyAsync(() -> {
            try {
                return users.updateUser(userId, titled("Held and denied " + UUID.randomUUID()), null);
            } catch (ApiException e) {
                throw new CallRefused(e);
            }
        });
        String id = heldRequestFor("POST /api/v1/users/" + userId);
        assertEquals(200, AccessApi.decide(AccessApi.approver(1), id, "deny").statusCode());

        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, call::get);
        ApiException refused = assertInstanceOf(CallRefused.class, failure.getCause()).apiException;
        assertEquals(403, refused.getCode());
        assertEquals(TollgateErrorCodes.APPROVAL_REQUIRED, Json.read(refused.getResponseBody()).path("errorCode").asText());
    }

    private static final class CallRefused extends RuntimeException {

        private final transient ApiException apiException;

        CallRefused(ApiException apiException) {
            super(apiException);
            this.apiException = apiException;
        }
    }
}
