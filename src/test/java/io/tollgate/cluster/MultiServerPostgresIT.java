package io.tollgate.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.policy.TollgateErrorCodes;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.ExtraServer;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.OktaErrors;
import io.tollgate.testsupport.RecordedRequest;
import io.tollgate.testsupport.SlowLink;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.UpstreamStub;
import io.tollgate.testsupport.UpstreamStubExtension;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8: two Tollgate servers on one real PostgreSQL database (started here, with
 * {@code max_prepared_transactions} for XA), made from the build's Liberty runtime. A request filed on
 * one server is approved on the other and used through both; a request held on A is released by an
 * approval on B; a policy replaced on B is enforced by A within {@code tollgate.policy.refresh-interval};
 * and grants whose timers A owned still expire, recorded by B, after A is killed.
 */
@ExtendWith(UpstreamStubExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiServerPostgresIT {

    private static final String CONNECTION = "okta-pg";
    private static final Duration POLICY_REFRESH = Duration.ofSeconds(3);
    /** The smallest threshold Liberty accepts; a timer is taken over this long after it was due, plus one poll. */
    private static final Duration MISSED_TASK_THRESHOLD = Duration.ofSeconds(100);
    private static final String DATABASE_PASSWORD = "pg-" + UUID.randomUUID();
    private static final String JSON = "application/json";
    private static final String ASK = """
            {"connection":"okta-pg","operations":["createUser"],"duration":"%s","reason":"multi-server drill"}""";

    /** How long a request waits for its record to be committed on these servers before it is refused. */
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(2);

    private static EmbeddedPostgres postgres;
    /** The servers reach PostgreSQL through it, so that the slow-database test can slow their every statement down. */
    private static SlowLink link;
    private static Path dataDirectory;
    private static ExtraServer a;
    private static ExtraServer b;
    private static boolean aKilled;

    private String agent = TestTokens.agent("agents-provisioning").clientId("pg-provisioner").mint();
    private final String approver = TestTokens.agent("tollgate-approvers").clientId("pg-approver").mint();
    private final String admin = TestTokens.agent("tollgate-admins").clientId("pg-admin").mint();

    /** PostgreSQL first, then both servers at once: they race to migrate the empty database. */
    @BeforeAll
    static void postgresThenTwoServers() throws IOException, SQLException {
        UpstreamStub.shared();
        dataDirectory = Files.createTempDirectory("tollgate-pg");
        postgres = postgresOn(dataDirectory, 0);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE tollgate LOGIN PASSWORD '" + DATABASE_PASSWORD + "'");
            statement.execute("CREATE DATABASE tollgate OWNER tollgate");
        }
        link = SlowLink.to(postgres.getPort());
        a = ExtraServer.create("tollgate-pg-a", port("a.http"), settings("a"));
        b = ExtraServer.create("tollgate-pg-b", port("b.http"), settings("b"));
        CompletableFuture.allOf(CompletableFuture.runAsync(a::start), CompletableFuture.runAsync(b::start)).join();
        a.awaitReady();
        b.awaitReady();
    }

    /** A PostgreSQL whose data survives a stop, so that the outage test can bring the same database back. */
    private static EmbeddedPostgres postgresOn(Path data, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("max_prepared_transactions", "64")
                .setDataDirectory(data).setCleanDataDirectory(false);
        return (port == 0 ? builder : builder.setPort(port)).start();
    }

    private static Map<String, String> settings(String server) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("keystore_password", System.getProperty("tollgate.it.keystore.password"));
        settings.put("http.port", Integer.toString(port(server + ".http")));
        settings.put("https.port", Integer.toString(port(server + ".https")));
        settings.put("tollgate.database", "postgresql");
        settings.put("tollgate.postgresql.url", "jdbc:postgresql://localhost:" + link.port() + "/tollgate");
        settings.put("tollgate.recording.commit-timeout", COMMIT_TIMEOUT.toString());
        settings.put("tollgate.postgresql.user", "tollgate");
        settings.put("tollgate.postgresql.password", DATABASE_PASSWORD);
        settings.put("tollgate.timers.missed-task-threshold", MISSED_TASK_THRESHOLD.toSeconds() + "s");
        settings.put("tollgate.identity.issuers", UpstreamStub.shared().testIssuer().issuer());
        settings.put("tollgate.connections", CONNECTION);
        settings.put("tollgate.connection.okta-pg.url", ItSettings.stubUpstreamBase());
        settings.put("tollgate.connection.okta-pg.api-token", "okta-pg-upstream-api-token");
        settings.put("tollgate.policy.directory", Path.of("src/test/policies/multi-server").toAbsolutePath().toString());
        settings.put("tollgate.policy.refresh-interval", POLICY_REFRESH.toString());
        return settings;
    }

    private static int port(String name) {
        return Integer.parseInt(System.getProperty("tollgate.it.pg." + name + ".port"));
    }

    @AfterAll
    static void stopEverything() throws IOException {
        List<RuntimeException> failures = new ArrayList<>();
        for (ExtraServer server : Stream.of(aKilled ? null : a, b).filter(s -> s != null).toList()) {
            try {
                server.stop();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (link != null) {
            link.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        failures.forEach(failure -> {
            throw failure;
        });
    }

    @BeforeEach
    void upstreamAnswers(UpstreamStub stub) {
        stub.respondWith((request, reply) -> reply.send(200, JSON, "{\"id\":\"00u-pg\",\"status\":\"STAGED\"}"));
    }

    /** The versions of the migration scripts in the source tree, in order: what every database must end up with. */
    /** The versions of the SQL scripts and of the Java migrations (which name theirs with {@code MigrationVersion.fromVersion}). */
    private static List<String> migrationVersions() {
        Pattern javaVersion = Pattern.compile("MigrationVersion\\.fromVersion\\(\"(\\d+)\"\\)");
        try (Stream<Path> scripts = Files.list(Path.of("src", "main", "resources", "db", "migration"));
             Stream<Path> classes = Files.list(Path.of("src", "main", "java", "io", "tollgate", "schema"))) {
            Stream<String> sql = scripts.map(script -> script.getFileName().toString()).filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .map(name -> name.substring(1, name.indexOf("__")));
            Stream<String> java = classes.filter(file -> file.toString().endsWith("Migration.java"))
                    .flatMap(file -> javaVersion.matcher(read(file)).results().map(match -> match.group(1)));
            return Stream.concat(sql, java).sorted(Comparator.comparingInt(Integer::parseInt)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void bothServersShareOneSchemaMigratedOnceAndNeverLogTheDatabasePassword() throws SQLException {
        try (Connection connection = postgres.getDatabase("tollgate", "tollgate").getConnection();
             Statement statement = connection.createStatement();
             ResultSet applied = statement.executeQuery(
                     "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL AND version <> '0' ORDER BY installed_rank")) {
            List<String> versions = new ArrayList<>();
            while (applied.next()) {
                assertTrue(applied.getBoolean("success"), "migration " + applied.getString("version"));
                versions.add(applied.getString("version"));
            }
            assertEquals(migrationVersions(), versions, "each migration applied once, though both servers started together");
        }
        for (ExtraServer server : List.of(a, b)) {
            String messages = server.messages();
            List<String> migrations = migrationVersions();
            assertTrue(messages.contains("Tollgate's schema on PostgreSQL is at version " + migrations.get(migrations.size() - 1)),
                    server.name() + " migrated PostgreSQL");
            assertFalse(messages.contains(DATABASE_PASSWORD), server.name() + " logged the database password");
        }
    }

    @Test
    @Order(2)
    void aRequestFiledOnAIsApprovedOnBAndUsedThroughBoth(UpstreamStub stub) {
        String id = file(a, "PT10M");
        assertEquals(200, decide(b, id).statusCode());

        for (ExtraServer server : List.of(a, b)) {
            HttpResponse<String> created = createUser(server);
            assertEquals(200, created.statusCode(), () -> server.name() + ": " + created.body());
        }
        assertEquals(2, stub.upstreamRequests().size());
        assertTrue(stub.upstreamRequests().stream().allMatch(request ->
                request.header("Authorization").orElseThrow().equals("SSWS okta-pg-upstream-api-token")));
    }

    @Test
    @Order(3)
    void aRequestHeldOnAIsReleasedByAnApprovalOnB(UpstreamStub stub) {
        String title = "Held on A " + UUID.randomUUID();
        CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(() -> Agent.send(
                HttpRequest.newBuilder(URI.create(a.baseUrl() + "/proxy/okta-pg/api/v1/users/00u-pg"))
                        .header("Authorization", "Bearer " + agent)
                        .header("Content-Type", JSON)
                        .header("Prefer", "wait=60")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"profile\":{\"title\":\"" + title + "\"}}"))));

        String[] pending = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode request : Json.read(api(b, "GET", "access-requests?status=PENDING&connection=okta-pg", approver, "").body())) {
                if (request.path("reason").asText().contains("/api/v1/users/00u-pg")) {
                    pending[0] = request.path("id").asText();
                    return true;
                }
            }
            return false;
        });
        assertFalse(held.isDone(), "A holds the request until someone decides");
        assertEquals(200, decide(b, pending[0]).statusCode());

        HttpResponse<String> released = held.join();
        assertEquals(200, released.statusCode(), released::body);
        RecordedRequest forwarded = stub.onlyUpstreamRequest();
        assertEquals("POST", forwarded.method());
        assertTrue(forwarded.bodyText().contains(title));
    }

    @Test
    @Order(4)
    void aPolicyReplacedOnBIsEnforcedByAWithinTheRefreshInterval() throws IOException {
        HttpResponse<String> before = listUsers(a);
        assertEquals(200, before.statusCode(), before::body);

        String withoutReads = Files.readString(Path.of("src/test/policies/multi-server/okta-pg.yaml"))
                .replaceAll("(?s)  - name: pg-reads.*?reason: Agents may read\\.\\n\\n", "");
        assertFalse(withoutReads.contains("pg-reads"));
        HttpResponse<String> replaced = api(b, "PUT", "connections/okta-pg/policy", admin, withoutReads, "application/yaml");
        assertEquals(200, replaced.statusCode(), replaced::body);
        Instant replacedAt = Instant.now();

        // The documented bound: every server sees a new version at most one refresh interval after it was stored.
        await().atMost(POLICY_REFRESH.plusSeconds(5)).until(() -> Instant.now().isAfter(replacedAt.plus(POLICY_REFRESH)));
        OktaErrors.assertOktaError(403, TollgateErrorCodes.DENIED, listUsers(a));
    }

    @Test
    @Order(5)
    void grantsWhoseTimersAOwnedExpireOnBAfterAIsKilled() {
        // An agent without the long grant of the first story, so that only the grants made here let it through.
        agent = TestTokens.agent("agents-provisioning").clientId("pg-failover-provisioner").mint();
        List<String> grants = List.of(grantApprovedOn(a, "PT12S"), grantApprovedOn(a, "PT15S"));
        Instant lastExpiry = grants.stream().map(grant -> Instant.parse(grant(grant).path("expiresAt").asText()))
                .max(Instant::compareTo).orElseThrow();
        assertEquals(200, createUser(b).statusCode(), "the grants work on B too");

        a.kill();
        aKilled = true;

        await().atMost(Duration.ofMinutes(1)).until(() -> Instant.now().isAfter(lastExpiry));
        OktaErrors.assertOktaError(403, TollgateErrorCodes.GRANT_REQUIRED, createUser(b));

        // B takes A's timers over once they are MISSED_TASK_THRESHOLD overdue, at its next poll.
        Duration bound = Duration.between(Instant.now(), lastExpiry).plus(MISSED_TASK_THRESHOLD).plus(MISSED_TASK_THRESHOLD);
        await().atMost(bound).pollInterval(Duration.ofSeconds(1)).until(() -> grants.stream()
                .allMatch(grant -> grant(grant).path("status").asText().equals("EXPIRED")));

        for (String grant : grants) {
            JsonNode expiry = Json.read(api(b, "GET", "audit-events?type=grant.expired&target=grant:" + grant, admin, "").body()).get(0);
            assertTrue(expiry.path("chain").asText().contains("tollgate-pg-b"), "recorded by B: " + expiry);
        }
        JsonNode verification = Json.read(api(b, "GET", "audit-events/verification", admin, "").body());
        assertTrue(verification.path("intact").asBoolean(), verification::toString);
        List<String> chains = new ArrayList<>();
        verification.path("chains").forEach(chain -> chains.add(chain.asText()));
        assertTrue(chains.stream().anyMatch(chain -> chain.contains("tollgate-pg-a")), "A's chain: " + chains);
        assertTrue(chains.stream().anyMatch(chain -> chain.contains("tollgate-pg-b")), "B's chain: " + chains);
    }

    /** Issue 6, acceptance 4: the database goes away mid-run and comes back. */
    @Test
    @Order(6)
    void withTheDatabaseGoneRequestsAre503AndNothingReachesTheUpstreamThenServiceResumesWithNothingLost(UpstreamStub stub)
            throws IOException {
        String subject = "outage-" + UUID.randomUUID();
        String reader = TestTokens.agent("agents-provisioning").subject(subject).mint();
        // The policy test took reads away; give them back (stored on B, in force on B at once).
        HttpResponse<String> reads = api(b, "PUT", "connections/okta-pg/policy", admin,
                Files.readString(Path.of("src/test/policies/multi-server/okta-pg.yaml")), "application/yaml");
        assertEquals(200, reads.statusCode(), reads::body);
        assertEquals(200, read(b, reader).statusCode(), "before the outage");
        // The agent has its answer before the outcome is committed; reading the sessions waits for what was queued,
        // so the outage cannot fall between the two (an outcome whose write fails is dropped, its record stays).
        assertEquals(1, Json.read(api(b, "GET", "sessions?subject=" + subject, admin, "").body()).size());
        int port = postgres.getPort();
        stub.reset();
        stub.respondWith((request, reply) -> reply.send(200, JSON, "[]"));

        postgres.close();
        for (int i = 0; i < 5; i++) {
            OktaErrors.assertOktaError(503, "E0000009", read(b, reader));
        }
        assertEquals(List.of(), stub.upstreamRequests(), "nothing reached the upstream while the database was gone");

        postgres = postgresOn(dataDirectory, port);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> read(b, reader).statusCode() == 200);
        JsonNode sessions = Json.read(api(b, "GET", "sessions?subject=" + subject, admin, "").body());
        assertEquals(1, sessions.size(), sessions::toString);
        JsonNode exchanges = Json.read(api(b, "GET", "sessions/" + sessions.get(0).path("id").asText(), admin, "").body()).path("exchanges");
        List<String> outcomes = new ArrayList<>();
        exchanges.forEach(exchange -> outcomes.add(exchange.path("outcome").asText()));
        assertEquals("forwarded", outcomes.get(0), "the exchange recorded before the outage is still there: " + outcomes);
        assertEquals("forwarded", outcomes.get(outcomes.size() - 1), "and service resumed: " + outcomes);
        assertTrue(Json.read(api(b, "GET", "audit-events/verification", admin, "").body()).path("intact").asBoolean());
    }

    /**
     * Issue 10, faults: the database slow rather than gone. Somewhat slow, requests are slower and
     * served; slower than the commit timeout, a request is refused with 503 and goes nowhere; fast
     * again, service resumes by itself, and every record (the refused request's too, committed late)
     * says what became of its request.
     */
    @Test
    @Order(7)
    void withTheDatabaseSlowRequestsWaitOrAre503ThenServiceResumesAndEveryRecordHasItsOutcome(UpstreamStub stub) {
        String subject = "slow-" + UUID.randomUUID();
        String reader = TestTokens.agent("agents-provisioning").subject(subject).mint();
        stub.reset();
        stub.respondWith((request, reply) -> reply.send(200, JSON, "[]"));
        assertEquals(200, read(b, reader).statusCode(), "before the slowdown");

        link.delay(Duration.ofMillis(100));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, read(b, reader).statusCode(), "every statement 100 ms slower: still served");
        }
        assertEquals(4, stub.upstreamRequests().size());

        link.delay(COMMIT_TIMEOUT.multipliedBy(3));
        OktaErrors.assertOktaError(503, "E0000009", read(b, reader));
        assertEquals(4, stub.upstreamRequests().size(), "the request whose record was not committed in time went nowhere");

        link.delay(Duration.ZERO);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> read(b, reader).statusCode() == 200);
        JsonNode sessions = Json.read(api(b, "GET", "sessions?subject=" + subject, admin, "").body());
        assertEquals(1, sessions.size(), sessions::toString);
        JsonNode exchanges = Json.read(api(b, "GET", "sessions/" + sessions.get(0).path("id").asText(), admin, "").body()).path("exchanges");
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        exchanges.forEach(exchange -> outcomes.merge(exchange.path("outcome").asText(), 1, Integer::sum));
        assertEquals(stub.upstreamRequests().size(), outcomes.getOrDefault("forwarded", 0), "forwarded, as the upstream saw: " + outcomes);
        assertTrue(outcomes.getOrDefault("unavailable", 0) >= 1, "the refused request is recorded as refused: " + outcomes);
        assertEquals(Set.of("forwarded", "unavailable"), outcomes.keySet(), "no record is left without its outcome: " + outcomes);
    }

    private HttpResponse<String> read(ExtraServer server, String token) {
        return Agent.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/proxy/okta-pg/api/v1/users?limit=1"))
                .header("Authorization", "Bearer " + token).GET());
    }

    private String file(ExtraServer server, String duration) {
        HttpResponse<String> filed = api(server, "POST", "access-requests", agent, ASK.formatted(duration));
        assertEquals(201, filed.statusCode(), filed::body);
        return Json.read(filed.body()).path("id").asText();
    }

    private HttpResponse<String> decide(ExtraServer server, String id) {
        return api(server, "POST", "access-requests/" + id + "/approvals", approver,
                "{\"decision\":\"approve\",\"comment\":\"checked the ticket\"}");
    }

    private String grantApprovedOn(ExtraServer server, String duration) {
        String id = file(server, duration);
        HttpResponse<String> approved = decide(server, id);
        assertEquals(200, approved.statusCode(), approved::body);
        return Json.read(api(server, "GET", "access-requests/" + id, agent, "").body()).path("grant").path("id").asText();
    }

    private JsonNode grant(String id) {
        HttpResponse<String> grant = api(b, "GET", "grants/" + id, admin, "");
        assertEquals(200, grant.statusCode(), grant::body);
        return Json.read(grant.body());
    }

    private HttpResponse<String> createUser(ExtraServer server) {
        return Agent.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/proxy/okta-pg/api/v1/users?activate=false"))
                .header("Authorization", "Bearer " + agent)
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString("{\"profile\":{\"login\":\"pg-" + UUID.randomUUID() + "@example.com\"}}")));
    }

    private HttpResponse<String> listUsers(ExtraServer server) {
        return Agent.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/proxy/okta-pg/api/v1/users"))
                .header("Authorization", "Bearer " + agent).GET());
    }

    private static HttpResponse<String> api(ExtraServer server, String method, String path, String token, String body) {
        return api(server, method, path, token, body, JSON);
    }

    private static HttpResponse<String> api(ExtraServer server, String method, String path, String token, String body,
                                            String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/" + path))
                .header("Accept", JSON)
                .header("Authorization", "Bearer " + token);
        if (method.equals("GET")) {
            request.GET();
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return Agent.send(request);
    }
}
