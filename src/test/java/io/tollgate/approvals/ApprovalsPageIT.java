package io.tollgate.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.policy.TollgateErrorCodes;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.Chromium;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.OktaErrors;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.TollgateApiClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, acceptance 4, in headless Chromium: an approver signs in to the approvals page with
 * OpenID Connect (the sandbox's demo sign-in), sees the agent's pending request with who asks, what,
 * for how long and why, approves it with a comment, and the request leaves the list; the API shows
 * it APPROVED with that comment and the agent's call then passes. An operator then signs in and
 * revokes the grant, which approvers cannot.
 */
class ApprovalsPageIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void approverSignsInAndApprovesAPendingRequestThenAnOperatorRevokesTheGrant() {
        WebDriver browser = Chromium.start();
        try {
            String name = "browser-agent-" + UUID.randomUUID();
            String agent = TestTokens.agent("agents-provisioning").clientId(name).subject(name)
                    .scopes(List.of("okta.users.read", "okta.users.manage")).mint();
            String login = name + "@example.com";
            HttpRequest.Builder createUser = Agent.to("okta", "/api/v1/users?activate=false", agent)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"profile\":{\"firstName\":\"Browser\",\"lastName\":\"Test\",\"email\":\""
                            + login + "\",\"login\":\"" + login + "\"}}"));
            OktaErrors.assertOktaError(403, TollgateErrorCodes.GRANT_REQUIRED, Agent.send(createUser));
            String reason = "OPS-" + UUID.randomUUID().toString().substring(0, 8) + ": onboard a contractor";
            HttpResponse<String> filed = TollgateApiClient.send("POST", "access-requests", agent, "application/json",
                    "{\"connection\":\"okta\",\"scopes\":[\"okta.users.manage\"],\"duration\":\"PT15M\",\"reason\":\"" + reason + "\"}");
            assertEquals(201, filed.statusCode(), filed::body);
            String id = Json.read(filed.body()).path("id").asText();

            signIn(browser, "approver-1");
            WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
            By card = By.cssSelector("[data-request-id='" + id + "']");
            WebElement pending = wait.until(ExpectedConditions.visibilityOfElementLocated(card));
            String shown = pending.getText();
            for (String expected : List.of(name, "okta.users.manage", "15 minutes", reason, "0 of 1")) {
                assertTrue(shown.contains(expected), () -> "the card shows " + expected + ": " + shown);
            }
            String comment = "Ticket checked in the browser " + UUID.randomUUID();
            pending.findElement(By.className("comment")).sendKeys(comment);
            Chromium.screenshot(browser, "approvals-page-pending");
            pending.findElement(By.className("approve")).click();

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Approved the request of " + name));
            wait.until(ExpectedConditions.numberOfElementsToBe(card, 0));
            Chromium.screenshot(browser, "approvals-page-approved");

            String admin = TollgateApiClient.adminToken();
            JsonNode decided = Json.read(TollgateApiClient.get("access-requests/" + id, admin).body());
            assertEquals("APPROVED", decided.path("status").asText(), decided::toString);
            assertEquals("approver-1", decided.path("approvals").get(0).path("approver").asText());
            assertEquals(comment, decided.path("approvals").get(0).path("comment").asText());
            HttpResponse<String> created = Agent.send(createUser);
            assertEquals(200, created.statusCode(), created::body);

            String grantId = decided.path("grant").path("id").asText();
            By grantRow = By.cssSelector("[data-grant-id='" + grantId + "']");
            wait.until(ExpectedConditions.visibilityOfElementLocated(grantRow));
            assertTrue(browser.findElements(By.cssSelector("[data-grant-id='" + grantId + "'] .revoke")).isEmpty(),
                    "approvers do not revoke grants");

            browser.findElement(By.id("sign-out-button")).click();
            signIn(browser, "tollgate-admin");
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-grant-id='" + grantId + "'] .revoke"))).click();
            wait.until(ExpectedConditions.numberOfElementsToBe(grantRow, 0));
            assertEquals("REVOKED", Json.read(TollgateApiClient.get("grants/" + grantId, admin).body()).path("status").asText());
        } finally {
            browser.quit();
        }
    }

    /** Through the page's Sign in button to the sandbox's demo sign-in page, as {@code user}, and back. */
    private static void signIn(WebDriver browser, String user) {
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        browser.get(ItSettings.serverBase() + "/approvals/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-button"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("login-" + user))).click();
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signed-in-as"), "Signed in as " + user));
    }
}
