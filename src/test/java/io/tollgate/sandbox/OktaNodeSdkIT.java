package io.tollgate.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.TollgateApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 3, acceptance 3: the official Okta Node.js SDK ({@code @okta/okta-sdk-nodejs} 8.1.0, installed
 * from the npm registry with the machine's npm into {@code target/okta-node-sdk}) tells the
 * provisioning story (src/test/node/provisioning-story.js) through Tollgate's proxied URL with the
 * {@code agent-provisioner}'s token, then again against the sandbox directly with its API token:
 * both runs see the same thing. Without Node.js and npm on the PATH the test is skipped with a
 * message, except under CI, where that is a failure.
 */
class OktaNodeSdkIT {

    static final String SDK = "@okta/okta-sdk-nodejs@8.1.0";
    private static final Path INSTALL = Path.of("target", "okta-node-sdk");
    private static final Path STORY = Path.of("src", "test", "node", "provisioning-story.js");
    private static final String PROVISIONING_SCOPES = "okta.users.read okta.users.manage okta.groups.read okta.groups.manage";

    @BeforeAll
    static void installTheSdk() throws Exception {
        boolean tools = run(List.of("node", "--version"), Path.of(".")).exit() == 0 && run(List.of("npm", "--version"), Path.of(".")).exit() == 0;
        if (!tools) {
            String message = "Node.js and npm are not on the PATH; install them (Debian: apt-get install nodejs npm) to run the Okta Node.js SDK test";
            if (System.getenv("CI") != null) {
                fail(message + " (required under CI)");
            }
            assumeTrue(false, message + "; skipping");
        }
        Files.createDirectories(INSTALL);
        Result install = run(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", INSTALL.toAbsolutePath().toString(), SDK),
                INSTALL);
        assertEquals(0, install.exit(), "npm install " + SDK + " failed: " + install.output());
    }

    @Test
    void theProvisioningStoryGoesThroughTollgateAndMatchesTheSandboxDirectly() throws Exception {
        String agentToken = TestTokens.fromSandbox("agent-provisioner", "agent-provisioner-secret", PROVISIONING_SCOPES);
        HttpResponse<String> grant = TollgateApiClient.send("POST", "access-requests", agentToken, "application/json",
                "{\"connection\":\"okta-node\",\"scopes\":[\"okta.users.manage\",\"okta.groups.manage\"],\"duration\":\"PT5M\"}");
        assertEquals(201, grant.statusCode(), grant::body);
        assertEquals("APPROVED", Json.read(grant.body()).path("status").asText(), "a self-service grant");
        JsonNode proxied = story(ItSettings.proxiedBase("okta-node"), agentToken);
        JsonNode direct = story(SandboxClient.org(), SandboxClient.API_TOKEN);

        assertEquals(proxied, direct, "the same story, through Tollgate and directly");
        List<String> steps = new ArrayList<>();
        proxied.path("story").forEach(step -> steps.add(step.path("step").asText() + "=" + step.path("status").asText(
                step.path("isMember").asText(step.path("deleted").asText()))));
        assertEquals(List.of("createUser=ACTIVE", "assignUserToGroup=true", "suspendUser=SUSPENDED", "unsuspendUser=ACTIVE",
                "deactivateUser=DEPROVISIONED", "deleteUser=true"), steps);
        assertEquals("E0000007", proxied.path("story").get(5).path("errorCode").asText());
    }

    private static JsonNode story(String orgUrl, String token) throws Exception {
        Result result = run(List.of("node", STORY.toAbsolutePath().toString(), orgUrl, token, UUID.randomUUID().toString()), INSTALL);
        assertEquals(0, result.exit(), "the Node.js SDK story failed against " + orgUrl + ": " + result.output());
        String[] lines = result.output().trim().split("\n");
        JsonNode story = Json.read(lines[lines.length - 1]);
        assertTrue(story.path("story").isArray(), result.output());
        return story;
    }

    private record Result(int exit, String output) {
    }

    /** Runs a command in {@code directory}, with its output. */
    private static Result run(List<String> command, Path directory) throws IOException, InterruptedException {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
            // The story script lives in src/test/node; node finds the SDK where npm installed it.
            builder.environment().put("NODE_PATH", INSTALL.resolve("node_modules").toAbsolutePath().toString());
            process = builder.start();
        } catch (IOException notInstalled) {
            return new Result(-1, notInstalled.getMessage());
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
